// Odd strings: the ack of a message and what sync returns later are the same string, and text that
// is not well-formed Unicode (or holds NUL, which PostgreSQL cannot store) is refused with BAD_REQUEST instead of being stored as something else.
import { describe, expect, it } from "vitest";
import { LIMITS } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { connectVisitor, emitAck } from "../support/clients.js";

const server = useTestServer({ VISITOR_MESSAGE_LIMIT: "1000", VISITOR_ADDRESS_LIMIT_SCALE: "1" });

const ODD: Array<[string, string]> = [
  ["combining mark (decomposed é)", "caf\u0065\u0301"],
  ["precomposed é", "caf\u00e9"],
  ["emoji ZWJ family", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"],
  ["flag", "\u{1F1F3}\u{1F1F1}"],
  ["RTL marks", "\u202Eabc\u202C \u200Fשלום"],
  ["astral chars", "\u{1D400}\u{20000}\u{1F600}"],
  ["Hangul jamo", "\u1100\u1161\u11A8"],
  ["very long", "x\u0301".repeat(Math.floor(LIMITS.messageBody / 2) - 1)],
];

describe("unicode text", () => {
  it.each(ODD)("%s: ack === sync, NFC", async (_label, body) => {
    const { socket } = await connectVisitor(server.url, {});
    const started = await emitAck(socket, "conversation:start", {});
    expect(started.ok).toBe(true);
    const conversationId = started.conversation.id as string;
    const sent = await emitAck(socket, "message:send", { conversationId, clientId: "odd-1", body });
    expect(sent.ok).toBe(true);
    const synced = await emitAck(socket, "sync", { conversationId, afterSeq: 0 });
    const stored = (synced.messages as Array<{ clientId: string | null; body: string }>).find((m) => m.clientId === "odd-1");
    expect(stored?.body).toBe(sent.message.body);
    expect(sent.message.body).toBe(body.trim().normalize("NFC"));
    socket.close();
  });

  it.each([
    ["en", "lone\ud800x", /lone surrogate/],
    ["nl", "los\udc00", /losse surrogaat/],
    ["en", "a\u0000b", /NUL/],
  ] as const)("text that cannot be stored is refused with a clear message (%s, %j)", async (locale, body, message) => {
    const { socket } = await connectVisitor(server.url, { locale });
    const started = await emitAck(socket, "conversation:start", {});
    const conversationId = started.conversation.id as string;
    const sent = await emitAck(socket, "message:send", { conversationId, clientId: "lone-1", body });
    expect(sent).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(sent.error.message).toMatch(message);
    const synced = await emitAck(socket, "sync", { conversationId, afterSeq: 0 });
    expect((synced.messages as Array<{ clientId: string | null }>).some((m) => m.clientId === "lone-1")).toBe(false);
    socket.close();
  });
});

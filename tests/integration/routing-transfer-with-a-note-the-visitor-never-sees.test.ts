import { describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { emitAck, eventually, nextEvent, sleep } from "../support/clients.js";
import { assignedTo, conversation, member, startChat } from "./routing-support.js";

const server = useTestServer();

const NOTE = "Wants a refund for order 4411; already checked the tracking.";

describe("a transfer", () => {
  it("gives the colleague the note first, the visitor only a neutral line, and is counted", async () => {
    const olga = await member(server, "Olga", 1);
    const chat = await startChat(server, "transfer-me");
    await assignedTo(server, chat.conversationId, olga.id);
    const piet = await member(server, "Piet", 2, "away");
    const pietMessages: Message[] = [];
    piet.socket.on("message", (m) => pietMessages.push(m));

    const told = nextEvent<Message>(chat.socket, "message", (m) => m.kind === "system" && m.meta?.systemKey === "transferred");
    const ack = await emitAck(olga.socket, "conversation:transfer", { conversationId: chat.conversationId, toOperatorId: piet.id, note: NOTE });
    expect(ack).toMatchObject({ ok: true });

    const line = await told;
    expect(line.meta?.params).toMatchObject({ name: "Piet" });
    expect(line.body).not.toContain("refund");
    await eventually(() => expect(piet.assigned.map((c) => c.id)).toContain(chat.conversationId));
    expect(piet.assigned.at(-1)).toMatchObject({ operator: { id: piet.id }, transferCount: 1 });

    // The colleague sees the note, before the line the visitor got.
    const history = (await emitAck(piet.socket, "sync", { conversationId: chat.conversationId, afterSeq: 0 })).messages as Message[];
    const note = history.find((m) => m.kind === "note");
    expect(note).toMatchObject({ body: NOTE, author: { type: "operator", id: olga.id } });
    expect(note!.seq).toBeLessThan(history.find((m) => m.meta?.systemKey === "transferred")!.seq);
    expect(pietMessages.some((m) => m.body === NOTE)).toBe(true);

    // The visitor never sees it: not live, not on sync.
    await sleep(200);
    expect(chat.messages.some((m) => m.body === NOTE || m.kind === "note")).toBe(false);
    const visitorSync = (await emitAck(chat.socket, "sync", { conversationId: chat.conversationId, afterSeq: 0 })).messages as Message[];
    expect(visitorSync.some((m) => m.body === NOTE || m.kind === "note")).toBe(false);
    expect(visitorSync.some((m) => m.meta?.systemKey === "transferred")).toBe(true);

    const listed = await conversation(server, chat.conversationId);
    expect(listed).toMatchObject({ operator: { id: piet.id }, transferCount: 1 });
    // The new owner can reply; the old one no longer can.
    expect((await emitAck(piet.socket, "message:send", { conversationId: chat.conversationId, clientId: "piet-1", body: "Hello, Piet here." })).ok).toBe(true);
    expect(await emitAck(olga.socket, "message:send", { conversationId: chat.conversationId, clientId: "olga-9", body: "Still me?" })).toMatchObject({ ok: false, error: { code: "NOT_ASSIGNED" } });

    // A second transfer is counted too.
    expect((await emitAck(piet.socket, "conversation:transfer", { conversationId: chat.conversationId, toOperatorId: olga.id })).ok).toBe(true);
    expect(await conversation(server, chat.conversationId)).toMatchObject({ operator: { id: olga.id }, transferCount: 2 });
    chat.socket.close();
  });

  it("is refused to a colleague who is offline, signed out or full, saying which", async () => {
    const quinn = await member(server, "Quinn", 2);
    const chat = await startChat(server, "refused");
    await assignedTo(server, chat.conversationId, quinn.id);
    const offline = await member(server, "Rik", 2, "offline");
    const gone = await member(server, "Sara", 2, "away");
    gone.socket.close();
    const full = await member(server, "Tom", 1);
    const other = await startChat(server, "fills-tom");
    await assignedTo(server, other.conversationId, full.id);

    for (const target of [offline, gone]) {
      await eventually(async () =>
        expect(await emitAck(quinn.socket, "conversation:transfer", { conversationId: chat.conversationId, toOperatorId: target.id })).toMatchObject({
          ok: false,
          error: { code: "OPERATOR_UNAVAILABLE" },
        }),
      );
    }
    // Online but full is said as it is (issue #13); the choices it offers are in routing-transfer-to-a-colleague-at-capacity.
    expect(await emitAck(quinn.socket, "conversation:transfer", { conversationId: chat.conversationId, toOperatorId: full.id })).toMatchObject({
      ok: false,
      error: { code: "OPERATOR_AT_CAPACITY", params: { name: "Tom", maxChats: 1 } },
    });
    expect(await conversation(server, chat.conversationId)).toMatchObject({ operator: { id: quinn.id }, transferCount: 0 });
    chat.socket.close();
    other.socket.close();
  });
});

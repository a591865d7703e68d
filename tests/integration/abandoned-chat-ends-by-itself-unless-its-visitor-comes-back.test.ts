// A chat whose visitor went before the closing ends by itself after the setting; a visitor who comes back in time takes the chat and its seat back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually, nextEvent } from "../support/clients.js";
import { member, patchSettings, seatsTakenBy } from "./routing-support.js";

const GRACE_MS = 1000;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ VISITOR_GRACE_MS: String(GRACE_MS) });
});
afterAll(() => server?.close());

describe("a chat whose visitor has gone before the closing", () => {
  it("ends by itself after the setting, and the operator could still write a note first", { timeout: 30_000 }, async () => {
    const refused = await api<{ error: { code: string; field?: string } }>(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { abandonedCloseSeconds: 0 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "BAD_REQUEST", field: "abandonedCloseSeconds" });
    expect((await api<{ abandonedCloseSeconds: number }>(server.url, "/api/settings", { token: server.adminToken })).body.abandonedCloseSeconds).toBe(300);
    expect((await patchSettings(server, { abandonedCloseSeconds: 2 })).abandonedCloseSeconds).toBe(2);
    const solo = await member(server, "Ilse", 2);
    const visitor = await connectVisitor(server.url, { name: "Weg", locale: "nl" });
    const assigned = nextEvent<Conversation>(solo.socket, "conversation:assigned", (c) => c.visitor.name === "Weg");
    await emitAck(visitor.socket, "conversation:start", { body: "hallo, mijn bestelling is kapot", clientId: "w-1" });
    const chat = await assigned;

    const gone = nextEvent<Conversation>(solo.socket, "conversation:updated", (c) => c.id === chat.id && c.checklist.visitor_left);
    visitor.socket.close();
    const left = await gone;
    expect(left.status).toBe("active");
    expect(await seatsTakenBy(solo.socket, solo.id)).toBe(0);
    const note = await emitAck(solo.socket, "message:send", { conversationId: chat.id, clientId: "n-1", body: "Klant bellen over kapotte bestelling", kind: "note" });
    expect(note.ok).toBe(true);

    const ended = await nextEvent<Conversation>(solo.socket, "conversation:updated", (c) => c.id === chat.id && c.status === "closed", 10_000);
    expect(ended.status).toBe("closed");
    // The seat was given back when the visitor went; ending the chat does not give it back twice.
    expect(await seatsTakenBy(solo.socket, solo.id)).toBe(0);
    solo.socket.close();
  });

  it("is taken back, seat and all, by its visitor returning with the same token while it is open", { timeout: 30_000 }, async () => {
    await patchSettings(server, { abandonedCloseSeconds: 3600 });
    const solo = await member(server, "Joost", 1);
    const first = await connectVisitor(server.url, { name: "Terug", locale: "nl" });
    const assigned = nextEvent<Conversation>(solo.socket, "conversation:assigned", (c) => c.visitor.name === "Terug");
    await emitAck(first.socket, "conversation:start", { body: "hoi, ik heb een vraag over mijn factuur", clientId: "t-1" });
    const chat = await assigned;
    await emitAck(solo.socket, "message:send", { conversationId: chat.id, clientId: "o-1", body: "Goedemiddag, u spreekt met Joost." });

    const gone = nextEvent<Conversation>(solo.socket, "conversation:updated", (c) => c.id === chat.id && c.checklist.visitor_left);
    first.socket.close();
    await gone;
    await eventually(async () => expect(await seatsTakenBy(solo.socket, solo.id)).toBe(0));

    const back = nextEvent<Conversation>(solo.socket, "conversation:updated", (c) => c.id === chat.id && !c.checklist.visitor_left && c.visitorConnected);
    const returned = await connectVisitor(server.url, { visitorToken: first.session.visitorToken, locale: "nl" });
    expect(returned.session.conversation?.id).toBe(chat.id);
    expect((await back).status).toBe("active");
    expect(await seatsTakenBy(solo.socket, solo.id)).toBe(1);

    // The chat is theirs again: they can write in it, and the next visitor waits for the seat.
    expect((await emitAck(returned.socket, "message:send", { conversationId: chat.id, clientId: "t-2", body: "Daar ben ik weer" })).ok).toBe(true);
    const next = await connectVisitor(server.url, { name: "Volgende", locale: "nl" });
    expect((await emitAck(next.socket, "conversation:start", { body: "hallo", clientId: "v-1" })).conversation.status).toBe("queued");
    next.socket.close();
    returned.socket.close();
    solo.socket.close();
  });
});

// Issue #13: a transfer to a colleague who is online but full says so ("at their maximum of N chats") and lets the
// operator hand it over anyway (a warm hand-over, one over the maximum) or queue it for them (moved when a seat frees).
import { describe, expect, it } from "vitest";
import type { Conversation, Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { emitAck, nextEvent } from "../support/clients.js";
import { assignedTo, conversation, endChat, member, startChat } from "./routing-support.js";

const server = useTestServer();

describe("a transfer to a colleague at their maximum", () => {
  it("is refused with the true reason, then queued for them until a seat frees, or handed over anyway", async () => {
    const bram = await member(server, "Bram", 2);
    const b1 = await startChat(server, "bram-one");
    await assignedTo(server, b1.conversationId, bram.id);
    const b2 = await startChat(server, "bram-two");
    await assignedTo(server, b2.conversationId, bram.id);
    const anna = await member(server, "Anna", 3);
    const x = await startChat(server, "anna-x");
    await assignedTo(server, x.conversationId, anna.id);
    const y = await startChat(server, "anna-y");
    await assignedTo(server, y.conversationId, anna.id);

    // Refused by default, saying who is full and at how many, in the operator's language.
    const refused = await emitAck(anna.socket, "conversation:transfer", { conversationId: x.conversationId, toOperatorId: bram.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "OPERATOR_AT_CAPACITY", field: "toOperatorId", params: { name: "Bram", maxChats: 2 } } });
    expect(refused.error.message).toBe("Bram is at their maximum of 2 chats. Hand the chat over anyway, or queue it for Bram: it goes to them as soon as a seat frees.");
    expect(await conversation(server, x.conversationId)).toMatchObject({ operator: { id: anna.id }, transferCount: 0 });

    // Queued for Bram: Anna keeps it (the visitor is not left alone) and sees who it waits for.
    const marked = nextEvent<Conversation>(anna.socket, "conversation:updated", (c) => c.id === y.conversationId && c.handOverToId === bram.id);
    const queued = await emitAck(anna.socket, "conversation:transfer", { conversationId: y.conversationId, toOperatorId: bram.id, note: "Order 4411, refund agreed", whenFull: "queue" });
    expect(queued).toEqual({ ok: true, handOver: "queued" });
    await marked;
    expect(await conversation(server, y.conversationId)).toMatchObject({ operator: { id: anna.id }, handOverToId: bram.id });
    expect((await emitAck(anna.socket, "message:send", { conversationId: y.conversationId, clientId: "anna-y-2", body: "One moment, my colleague Bram takes over soon." })).ok).toBe(true);

    // A seat of Bram's frees: the queued chat goes to him, with the note, and the visitor is told.
    const toBram = nextEvent<Conversation>(bram.socket, "conversation:assigned", (c) => c.id === y.conversationId);
    const told = nextEvent<Message>(y.socket, "message", (m) => m.meta?.systemKey === "transferred");
    await endChat(b1, bram);
    expect(await toBram).toMatchObject({ operator: { id: bram.id }, transferCount: 1 });
    expect((await told).meta?.params).toMatchObject({ name: "Bram" });
    const moved = await conversation(server, y.conversationId);
    expect(moved.handOverToId).toBeNull();
    const history = (await emitAck(bram.socket, "sync", { conversationId: y.conversationId, afterSeq: 0 })).messages as Message[];
    expect(history.some((m) => m.kind === "note" && m.body === "Order 4411, refund agreed")).toBe(true);

    // Bram is full again (b2 and y): handed over anyway, he holds one chat over his maximum.
    const anyway = await emitAck(anna.socket, "conversation:transfer", { conversationId: x.conversationId, toOperatorId: bram.id, whenFull: "anyway" });
    expect(anyway).toEqual({ ok: true, handOver: "now" });
    expect(await conversation(server, x.conversationId)).toMatchObject({ operator: { id: bram.id }, transferCount: 1 });
    const seats = await server.ctx.db.user.findUniqueOrThrow({ where: { id: bram.id }, select: { openChats: true, maxChats: true } });
    expect(seats).toEqual({ openChats: 3, maxChats: 2 });
    const annaSeats = await server.ctx.db.user.findUniqueOrThrow({ where: { id: anna.id }, select: { openChats: true } });
    expect(annaSeats.openChats).toBe(0);

    // Routing never adds to an operator over the maximum: a new chat waits for Anna, not Bram.
    const z = await startChat(server, "anna-z");
    await assignedTo(server, z.conversationId, anna.id);
    for (const chat of [b1, b2, x, y, z]) chat.socket.close();
  });
});

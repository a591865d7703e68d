// Issue #16: every event a client can repeat has a budget; past it the answer is RATE_LIMITED and the connection stays up.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { connectVisitor, createOperator, emitAck, onlineOperator, nextEvent, type OperatorSocket, type VisitorSocket } from "../support/clients.js";

const server = useTestServer();

type Ack = { ok: boolean; error?: { code: string } };

/** Sends `count` events at once and returns how many were accepted and whether every other one was RATE_LIMITED. */
async function burst(socket: VisitorSocket | OperatorSocket, event: string, payload: (i: number) => unknown, count: number): Promise<{ accepted: number; refusedRateLimited: boolean }> {
  const acks = await Promise.all(Array.from({ length: count }, (_, i) => emitAck<Ack>(socket, event, payload(i), 30_000)));
  const refused = acks.filter((a) => !a.ok);
  return { accepted: acks.length - refused.length, refusedRateLimited: refused.length > 0 && refused.every((a) => a.error?.code === "RATE_LIMITED") };
}

describe("a client repeating an event", () => {
  it("visitor: sync, typing and ratings (the budget shared by leave and summary answers) stop at their budgets without a disconnect", async () => {
    const operator = await createOperator(server.url, server.adminToken, { name: "Budget Bea", maxChats: 5 });
    const inbox = await onlineOperator(server.url, operator.token);
    const { socket } = await connectVisitor(server.url, {});
    const assigned = nextEvent(inbox, "conversation:assigned");
    const start = await emitAck(socket, "conversation:start", { body: "Hallo", clientId: "b-1" });
    const conversationId = start.conversation.id as string;
    await assigned;

    expect(await burst(socket, "sync", () => ({ conversationId, afterSeq: 0 }), 70)).toEqual({ accepted: 60, refusedRateLimited: true });
    expect(await burst(socket, "typing", (i) => ({ conversationId, typing: i % 2 === 0 }), 60)).toEqual({ accepted: 50, refusedRateLimited: true });
    expect(await burst(socket, "rating", (i) => ({ conversationId, score: (i % 5) + 1 }), 25)).toEqual({ accepted: 20, refusedRateLimited: true });
    expect(socket.connected).toBe(true);
    socket.close();
    inbox.close();
  });

  it("operator: presence, sync and typing stop at their budgets without a disconnect", async () => {
    const operator = await createOperator(server.url, server.adminToken, { name: "Budget Bram", maxChats: 5 });
    const inbox = await onlineOperator(server.url, operator.token);
    const { socket: visitor } = await connectVisitor(server.url, {});
    const assigned = nextEvent(inbox, "conversation:assigned");
    const start = await emitAck(visitor, "conversation:start", { body: "Goedemiddag", clientId: "b-2" });
    const conversationId = start.conversation.id as string;
    await assigned;

    // onlineOperator already spent one presence change.
    expect(await burst(inbox, "presence:set", (i) => ({ status: i % 2 === 0 ? "away" : "online" }), 35)).toEqual({ accepted: 29, refusedRateLimited: true });
    expect(await burst(inbox, "sync", () => ({ conversationId, afterSeq: 0 }), 310)).toEqual({ accepted: 300, refusedRateLimited: true });
    expect(await burst(inbox, "typing", (i) => ({ conversationId, typing: i % 2 === 0 }), 60)).toEqual({ accepted: 50, refusedRateLimited: true });
    expect(inbox.connected).toBe(true);
    visitor.close();
    inbox.close();
  });
});

// A visitor who closes the tab in the opening phase frees the operator's seat after the grace period; the next visitor is assigned at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, emitAck, nextEvent, type OperatorSocket } from "../support/clients.js";
import { member, seatsTakenBy } from "./routing-support.js";

const GRACE_MS = 1000;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ VISITOR_GRACE_MS: String(GRACE_MS) });
});
afterAll(() => server?.close());

describe("a chat whose visitor has gone", () => {
  it("gives its seat back after the grace period, once, and the queued visitor gets it at once", { timeout: 30_000 }, async () => {
    const solo = await member(server, "Saskia", 1);
    const operator: OperatorSocket = solo.socket;
    const first = await connectVisitor(server.url, { name: "Gone", locale: "nl" });
    const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Gone");
    await emitAck(first.socket, "conversation:start", { body: "hallo, ik heb een vraag", clientId: "g-1" });
    const gone = await assigned;
    expect(gone.phase).toBe("opening");

    const next = await connectVisitor(server.url, { name: "Next", locale: "nl" });
    const queued = await emitAck(next.socket, "conversation:start", { body: "hoi", clientId: "n-1" });
    expect(queued.conversation.status).toBe("queued");

    const nextAssigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Next", GRACE_MS * 6);
    const closedTabAt = Date.now();
    first.socket.close();
    const taken = await nextAssigned;
    // Not before the grace period (a reload is not leaving), and not long after it.
    expect(Date.now() - closedTabAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(taken.id).toBe(queued.conversation.id);
    expect(await seatsTakenBy(operator, solo.id)).toBe(1);

    // The abandoned chat stays open for a note; closing it later does not give the seat back a second time.
    const list = await emitAck(operator, "conversations:list", {});
    const abandoned = list.conversations.find((c: Conversation) => c.id === gone.id);
    expect(abandoned.status).toBe("active");
    expect(abandoned.visitorConnected).toBe(false);
    expect((await emitAck(operator, "conversation:close", { conversationId: gone.id })).ok).toBe(true);
    expect(await seatsTakenBy(operator, solo.id)).toBe(1);
    operator.close();
    next.socket.close();
  });
});

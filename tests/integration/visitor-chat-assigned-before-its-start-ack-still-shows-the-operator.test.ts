// The queue drains on its own, so a chat can be assigned, and that broadcast to its visitor, before the ack
// of conversation:start reaches them: the widget does not know the chat yet and drops that update (seen in
// CI: a widget left saying "We zijn zo bij u." while Anna chatted). The visitor must still learn, after the
// ack, who is helping them. The test makes that order certain: the start's last step before its ack
// (reading the queue position) waits until the visitor has been sent the assignment.
import { describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { connectVisitor, createOperator, eventually, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("a chat assigned before its start is acknowledged", () => {
  it("is followed, after the ack, by the update that names its operator", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Anna", maxChats: 4 });
    const operator = await onlineOperator(server.url, op.token);
    const { socket } = await connectVisitor(server.url, { name: "Femke" });

    // What a widget knows: the ack's snapshot, then the updates that arrive after it; earlier ones it drops.
    let known: Conversation | undefined;
    const before: Conversation[] = [];
    socket.on("conversation:updated", (c: Conversation) => {
      if (!known) before.push(c);
      else if (c.id === known.id) known = c;
    });
    const routing = server.services.routing;
    const queuePosition = routing.queuePosition.bind(routing);
    routing.queuePosition = async (conversationId: string) => {
      await eventually(() => expect(before.map((c) => c.id)).toContain(conversationId), 5_000, 5);
      return queuePosition(conversationId);
    };
    try {
      // Taken in the ack's callback, as a browser's widget has it before the next message event is handled.
      const ack = await new Promise<{ conversation: Conversation }>((resolve, reject) =>
        socket.emit("conversation:start", { body: "Hebben jullie deze vaas ook in het groen?", clientId: "q-1" }, (answer) => {
          if (!answer.ok) return reject(new Error(answer.error.message));
          known = answer.conversation;
          resolve(answer);
        }),
      );
      expect(ack.conversation.status).toBe("queued");
      expect(before.map((c) => [c.status, c.operator?.name])).toEqual([["active", "Anna"]]);
      await eventually(() => expect([known!.status, known!.operator?.name]).toEqual(["active", "Anna"]), 5_000);
    } finally {
      routing.queuePosition = queuePosition;
      socket.close();
      operator.close();
    }
  });
});

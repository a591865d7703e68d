// An operator ticking reasons faster than the server answers sends several changes of one chat at once:
// they are applied in the order they were sent, each is acknowledged, and the chat ends with the last.
import { expect, it } from "vitest";
import type { ContactReason, Conversation } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

it("changes of one chat's reasons sent without waiting are applied in order and none is lost", async () => {
  const admin = server.adminToken;
  const make = async (en: string) => (await api<ContactReason>(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: en, en } } })).body.id;
  const [order, invoice, returns] = [await make("Order"), await make("Invoice"), await make("Returns")];
  const operator = await onlineOperator(server.url, admin);
  const visitor = await connectVisitor(server.url, { name: "Quick Tick", locale: "en" });
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned");
  await emitAck(visitor.socket, "conversation:start", { body: "Where is my order?", clientId: "quick-1" });
  const id = (await assigned).id;

  for (let round = 0; round < 5; round++) {
    // What a checkbox list sends when three boxes are ticked and one unticked in quick succession.
    const sequence = [[order], [order, invoice], [order, invoice, returns], [order, returns]];
    const acks = await Promise.all(sequence.map((reasonIds) => emitAck(operator, "conversation:reasons", { conversationId: id, reasonIds })));
    expect(acks).toEqual(sequence.map(() => ({ ok: true })));
    const listed = await api<Conversation[]>(server.url, `/api/conversations?reason=${returns}`, { token: admin });
    expect(listed.body.map((c) => [c.id, [...(c.reasonIds ?? [])].sort()])).toEqual([[id, [order, returns].sort()]]);
    expect((await api<Conversation[]>(server.url, `/api/conversations?reason=${invoice}`, { token: admin })).body).toEqual([]);
    expect(await emitAck(operator, "conversation:reasons", { conversationId: id, reasonIds: [] })).toEqual({ ok: true });
  }
  operator.disconnect();
  visitor.socket.disconnect();
}, 60_000);

// The history records who changed a chat's contact reasons, from what to what; setting the same reasons again
// records nothing, and a refused change records nothing either.
import { describe, expect, it } from "vitest";
import type { AuditEntry, ContactReason, Conversation } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("contact reasons in the history", () => {
  it("record each change of a chat's reasons with the one who made it", async () => {
    const admin = server.adminToken;
    const invoice = (await api<ContactReason>(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: "Factuur", en: "Invoice" } } })).body;
    const delivery = (await api<ContactReason>(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: "Bezorging", en: "Delivery" } } })).body;
    const eva = await createOperator(server.url, admin, { name: "Eva" });
    const evaSocket = await onlineOperator(server.url, eva.token);
    const rob = await connectVisitor(server.url, { name: "Rob" });
    const assigned = nextEvent<Conversation>(evaSocket, "conversation:assigned");
    await emitAck(rob.socket, "conversation:start", { body: "Mijn factuur klopt niet", clientId: "v-1" });
    const chat = (await assigned).id;
    const history = async () => (await api<AuditEntry[]>(server.url, "/api/audit?entity=conversation", { token: admin })).body.filter((e) => e.entityId === chat);

    expect((await emitAck(evaSocket, "conversation:reasons", { conversationId: chat, reasonIds: [invoice.id] })).ok).toBe(true);
    expect((await emitAck(evaSocket, "conversation:reasons", { conversationId: chat, reasonIds: [invoice.id] })).ok).toBe(true);
    expect((await emitAck(evaSocket, "conversation:reasons", { conversationId: chat, reasonIds: [invoice.id, "no-such-reason"] })).ok).toBe(false);
    expect((await emitAck(evaSocket, "conversation:reasons", { conversationId: chat, reasonIds: [delivery.id] })).ok).toBe(true);

    const entries = await history();
    expect(entries.map((e) => ({ action: e.action, actor: e.actor?.name, data: e.data }))).toEqual([
      { action: "reasons_changed", actor: "Eva", data: { before: [invoice.id], after: [delivery.id] } },
      { action: "reasons_changed", actor: "Eva", data: { before: [], after: [invoice.id] } },
    ]);
    for (const s of [evaSocket, rob.socket]) s.disconnect();
  }, 30_000);
});

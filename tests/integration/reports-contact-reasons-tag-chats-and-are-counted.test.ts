// Contact reasons: an admin keeps the list (retired, never lost), the chat's operator tags a chat over the socket,
// and the summary and the conversation list count and filter by reason.
import { describe, expect, it } from "vitest";
import type { ContactReason, Conversation, ReportSummary } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("contact reasons", () => {
  it("are managed by admins, picked by the chat's operator and counted per reason", async () => {
    const admin = server.adminToken;
    const invoice = await api<ContactReason>(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: "Factuur", en: "Invoice" } } });
    const delivery = await api<ContactReason>(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: "Bezorging", en: "Delivery" } } });
    const old = await api<ContactReason>(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: "Oud", en: "Old" }, position: 9 } });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({ names: { nl: "Factuur", en: "Invoice" }, position: 0, active: true, used: 0 });
    expect(delivery.body.position).toBe(1);
    expect((await api(server.url, "/api/contact-reasons", { token: admin, body: { names: { nl: "", en: "x" } } })).status).toBe(400);

    const eva = await createOperator(server.url, admin, { name: "Eva" });
    const twan = await createOperator(server.url, admin, { name: "Twan" });
    expect((await api(server.url, "/api/contact-reasons", { token: eva.token, body: { names: { nl: "a", en: "a" } } })).status).toBe(403);
    expect((await api(server.url, `/api/contact-reasons/${invoice.body.id}`, { method: "DELETE", token: eva.token })).status).toBe(403);

    const renamed = await api<ContactReason>(server.url, `/api/contact-reasons/${delivery.body.id}`, { method: "PATCH", token: admin, body: { names: { en: "Delivery and returns" } } });
    expect(renamed.body.names).toEqual({ nl: "Bezorging", en: "Delivery and returns" });

    const evaSocket = await onlineOperator(server.url, eva.token);
    const twanSocket = await onlineOperator(server.url, twan.token);
    const startChat = async (clientId: string) => {
      const visitor = await connectVisitor(server.url, { name: "Rob", locale: "nl" });
      const assigned = Promise.race([nextEvent<Conversation>(evaSocket, "conversation:assigned"), nextEvent<Conversation>(twanSocket, "conversation:assigned")]);
      await emitAck(visitor.socket, "conversation:start", { body: "Vraag", clientId });
      return { visitor, conversation: await assigned };
    };
    const first = await startChat("r-1");
    const second = await startChat("r-2");
    const third = await startChat("r-3");
    const socketOf = (c: Conversation) => (c.operator!.id === eva.id ? evaSocket : twanSocket);
    const otherSocketOf = (c: Conversation) => (c.operator!.id === eva.id ? twanSocket : evaSocket);

    const updated = nextEvent<Conversation>(otherSocketOf(first.conversation), "conversation:updated", (c) => c.id === first.conversation.id && (c.reasonIds?.length ?? 0) === 2);
    const tagged = await emitAck(socketOf(first.conversation), "conversation:reasons", { conversationId: first.conversation.id, reasonIds: [invoice.body.id, delivery.body.id] });
    expect(tagged).toEqual({ ok: true });
    expect((await updated).reasonIds).toEqual([invoice.body.id, delivery.body.id]);

    const notMine = await emitAck(otherSocketOf(second.conversation), "conversation:reasons", { conversationId: second.conversation.id, reasonIds: [invoice.body.id] });
    expect(notMine).toMatchObject({ ok: false, error: { code: "NOT_ASSIGNED" } });
    const unknown = await emitAck(socketOf(second.conversation), "conversation:reasons", { conversationId: second.conversation.id, reasonIds: ["no-such-reason"] });
    expect(unknown).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", field: "reasonIds" } });
    expect(await emitAck(socketOf(second.conversation), "conversation:reasons", { conversationId: second.conversation.id, reasonIds: [old.body.id] })).toEqual({ ok: true });

    // Retiring keeps the reason on the chat that has it, but nobody can pick it again.
    const retired = await api<ContactReason>(server.url, `/api/contact-reasons/${old.body.id}`, { method: "DELETE", token: admin });
    expect(retired.body).toMatchObject({ active: false, used: 1 });
    const active = await api<ContactReason[]>(server.url, "/api/contact-reasons", { token: eva.token });
    expect(active.body.map((r) => r.names.en)).toEqual(["Invoice", "Delivery and returns"]);
    const all = await api<ContactReason[]>(server.url, "/api/contact-reasons?all=true", { token: admin });
    expect(all.body.map((r) => [r.names.en, r.active, r.used])).toEqual([["Invoice", true, 1], ["Delivery and returns", true, 1], ["Old", false, 1]]);
    const retiredPick = await emitAck(socketOf(third.conversation), "conversation:reasons", { conversationId: third.conversation.id, reasonIds: [old.body.id] });
    expect(retiredPick).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    // An admin may tag any chat.
    const adminSocket = await onlineOperator(server.url, admin);
    expect(await emitAck(adminSocket, "conversation:reasons", { conversationId: third.conversation.id, reasonIds: [invoice.body.id] })).toEqual({ ok: true });

    // The second chat drops its retired reason and closes untagged; the others close tagged.
    expect(await emitAck(socketOf(second.conversation), "conversation:reasons", { conversationId: second.conversation.id, reasonIds: [] })).toEqual({ ok: true });
    for (const chat of [first, second, third]) {
      const closed = nextEvent<Conversation>(socketOf(chat.conversation), "conversation:updated", (c) => c.id === chat.conversation.id && c.status === "closed");
      await emitAck(socketOf(chat.conversation), "message:send", { conversationId: chat.conversation.id, clientId: `${chat.conversation.id}-g`, body: "Goedemiddag, ik ben Eva." });
      await emitAck(chat.visitor.socket, "conversation:leave", { conversationId: chat.conversation.id });
      await emitAck(socketOf(chat.conversation), "conversation:close", { conversationId: chat.conversation.id });
      await closed;
    }

    const summary = await api<ReportSummary>(server.url, `/api/reports/summary?from=${day(-1)}&to=${day(0)}`, { token: admin });
    expect(summary.body.conversations).toBe(3);
    expect(summary.body.byReason).toEqual({ [invoice.body.id]: 2, [delivery.body.id]: 1 });
    expect(summary.body.closedWithoutReason).toBe(1);
    const onlyInvoice = await api<ReportSummary>(server.url, `/api/reports/summary?from=${day(-1)}&to=${day(0)}&reason=${invoice.body.id}`, { token: admin });
    expect(onlyInvoice.body.conversations).toBe(2);

    const listed = await api<Conversation[]>(server.url, `/api/conversations?reason=${delivery.body.id}`, { token: eva.token });
    expect(listed.body.map((c) => c.id)).toEqual([first.conversation.id]);
    expect(listed.body[0].reasonIds).toEqual([invoice.body.id, delivery.body.id]);
    for (const s of [evaSocket, twanSocket, adminSocket, first.visitor.socket, second.visitor.socket, third.visitor.socket]) s.disconnect();
  }, 60_000);
});

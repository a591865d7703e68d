// Live visitors on one node: page reports reach operators, earlier chats are listed, an invitation's
// answer goes to the inviting operator, a dismissed invitation is not repeated, and only operators read the list.
import { afterAll, describe, expect, it } from "vitest";
import type { Conversation, InvitationPayload, LiveVisitor, LiveVisitorsDelta, VisitorConversation } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator, type OperatorSocket, type VisitorSocket } from "../support/clients.js";

const server = useTestServer();
const sockets: Array<OperatorSocket | VisitorSocket> = [];
afterAll(() => {
  for (const s of sockets) s.close();
});

const live = async () => (await api<LiveVisitor[]>(server.url, "/api/visitors/live", { token: server.adminToken })).body;
const upserted = (id: string, url: string) => (d: LiveVisitorsDelta) => d.upserted.some((v) => v.id === id && v.pageUrl === url);

describe("live visitors", () => {
  it("shows operators the page a visitor is on, live, with the pages before it", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Petra" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket, session } = await connectVisitor(server.url, { locale: "nl", timeZone: "Europe/Amsterdam" });
    sockets.push(operator, socket);

    const first = nextEvent<LiveVisitorsDelta>(operator, "visitors:updated", upserted(session.visitorId, "https://shop.example/"));
    socket.emit("page", { url: "https://shop.example/", title: "Home" });
    await first;
    const second = nextEvent<LiveVisitorsDelta>(operator, "visitors:updated", upserted(session.visitorId, "https://shop.example/pricing"));
    socket.emit("page", { url: "https://shop.example/pricing", title: "Prices" });
    const delta = await second;
    const seen = delta.upserted.find((v) => v.id === session.visitorId)!;
    expect(seen.pageTitle).toBe("Prices");
    expect(seen.trail.map((s) => s.url)).toEqual(["https://shop.example/", "https://shop.example/pricing"]);
    expect(seen.locale).toBe("nl");
    expect(seen.timeZone).toBe("Europe/Amsterdam");

    const listed = (await live()).find((v) => v.id === session.visitorId)!;
    expect(listed.pageUrl).toBe("https://shop.example/pricing");
    expect(listed.previousConversations).toBe(0);
    expect(listed.conversationId).toBeUndefined();
  });

  it("refuses a page that is not an http(s) address and changes nothing", async () => {
    const { socket, session } = await connectVisitor(server.url);
    sockets.push(socket);
    const ack = await emitAck(socket, "page", { url: "javascript:alert(1)" });
    expect(ack.ok).toBe(false);
    expect(ack.error.code).toBe("BAD_REQUEST");
    expect((await live()).some((v) => v.id === session.visitorId)).toBe(false);
  });

  it("refuses page reports beyond the visitor's budget, like other floods", async () => {
    const { socket } = await connectVisitor(server.url);
    sockets.push(socket);
    // The visitor's budget is 30 page reports a minute (realtime/limits.ts); a flood of 40 meets it.
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => emitAck(socket, "page", { url: `https://shop.example/p/${i}` })));
    expect(acks.filter((a) => a.ok)).toHaveLength(30);
    expect(acks.find((a) => !a.ok)?.error.code).toBe("RATE_LIMITED");
  });

  it("does not list a visitor whose widget reports no pages (track-pages off)", async () => {
    const { socket, session } = await connectVisitor(server.url);
    const { socket: reporting, session: other } = await connectVisitor(server.url);
    sockets.push(socket, reporting);
    expect((await emitAck(reporting, "page", { url: "https://shop.example/contact" })).ok).toBe(true);
    await eventually(async () => expect((await live()).some((v) => v.id === other.visitorId)).toBe(true));
    expect((await live()).some((v) => v.id === session.visitorId)).toBe(false);
  });

  it("lets only signed-in operators read the list, not visitors", async () => {
    const { socket, session } = await connectVisitor(server.url);
    sockets.push(socket);
    expect((await api(server.url, "/api/visitors/live")).status).toBe(401);
    expect((await api(server.url, "/api/visitors/live", { headers: { authorization: `Visitor ${session.visitorToken}` } })).status).toBe(401);
    expect((await api(server.url, `/api/visitors/${session.visitorId}/conversations`, { headers: { authorization: `Visitor ${session.visitorToken}` } })).status).toBe(401);
  });

  it("lists a returning visitor's earlier conversations with operator and rating", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Karim" });
    const { socket, session } = await connectVisitor(server.url, { name: "Ineke" });
    sockets.push(socket);
    const started = await emitAck(socket, "conversation:start", { body: "Waar blijft mijn pakket?", clientId: "p-1" });
    // Petra, from the first test, is online with room: routing gives her the chat.
    await eventually(async () => {
      const list = await api<Conversation[]>(server.url, "/api/conversations?status=active", { token: op.token });
      expect(list.body.some((c) => c.id === started.conversation.id)).toBe(true);
    });
    expect((await emitAck(socket, "rating", { conversationId: started.conversation.id, score: 4 })).ok).toBe(true);
    expect((await emitAck(socket, "conversation:leave", { conversationId: started.conversation.id })).ok).toBe(true);
    socket.close();

    const earlier = await api<VisitorConversation[]>(server.url, `/api/visitors/${session.visitorId}/conversations`, { token: op.token });
    expect(earlier.status).toBe(200);
    expect(earlier.body).toHaveLength(1);
    expect(earlier.body[0]).toMatchObject({ id: started.conversation.id, operator: { name: "Petra" }, rating: { score: 4 }, reasonIds: [] });

    const { socket: back } = await connectVisitor(server.url, { visitorToken: session.visitorToken });
    sockets.push(back);
    back.emit("page", { url: "https://shop.example/orders" });
    await eventually(async () => expect((await live()).find((v) => v.id === session.visitorId)).toMatchObject({ name: "Ineke", previousConversations: 1, pageUrl: "https://shop.example/orders" }));
  });

  it("routes the answer to an invitation to the operator who sent it, although routing would pick a colleague", async () => {
    // Fewest open chats, then the longest idle: Bram, online first, would get an ordinary chat.
    const bram = await createOperator(server.url, server.adminToken, { name: "Bram" });
    const bramSocket = await onlineOperator(server.url, bram.token);
    const anouk = await createOperator(server.url, server.adminToken, { name: "Anouk" });
    const anoukSocket = await onlineOperator(server.url, anouk.token);
    const { socket, session } = await connectVisitor(server.url, { locale: "nl" });
    sockets.push(bramSocket, anoukSocket, socket);
    socket.emit("page", { url: "https://shop.example/checkout" });
    await eventually(async () => expect((await live()).some((v) => v.id === session.visitorId)).toBe(true));

    const invitation = nextEvent<InvitationPayload>(socket, "invitation");
    expect((await emitAck(anoukSocket, "visitor:invite", { visitorId: session.visitorId, body: "Kan ik u helpen met afrekenen?" })).ok).toBe(true);
    expect(await invitation).toEqual({ body: "Kan ik u helpen met afrekenen?", operator: { name: "Anouk" } });

    const assigned = nextEvent<Conversation>(anoukSocket, "conversation:assigned", (c) => c.visitor.id === session.visitorId);
    const started = await emitAck(socket, "conversation:start", { body: "Ja graag, de betaling mislukt.", clientId: "inv-1", invitation: true });
    expect(started.ok).toBe(true);
    expect((await assigned).id).toBe(started.conversation.id);
    expect(started.conversation.operator?.name).toBe("Anouk");

    const again = await emitAck(anoukSocket, "visitor:invite", { visitorId: session.visitorId, body: "Nog iets?" });
    expect(again.error.code).toBe("VISITOR_IN_CHAT");
  });

  it("sends the answer to the queue's usual route when the inviting operator has no room", async () => {
    const full = await createOperator(server.url, server.adminToken, { name: "Fenna", maxChats: 1 });
    const fullSocket = await onlineOperator(server.url, full.token);
    sockets.push(fullSocket);
    const busy = await connectVisitor(server.url);
    const { socket, session } = await connectVisitor(server.url);
    sockets.push(busy.socket, socket);
    for (const [v, url] of [[busy, "https://shop.example/faq/a"], [{ socket, session }, "https://shop.example/faq/b"]] as const) {
      v.socket.emit("page", { url });
      await eventually(async () => expect((await live()).some((x) => x.id === v.session.visitorId)).toBe(true));
      expect((await emitAck(fullSocket, "visitor:invite", { visitorId: v.session.visitorId, body: "Kan ik helpen?" })).ok).toBe(true);
    }
    // The first answer takes Fenna's one slot.
    const first = await emitAck(busy.socket, "conversation:start", { body: "Eerst ik", clientId: "busy-1", invitation: true });
    expect(first.conversation.operator?.name).toBe("Fenna");
    const started = await emitAck(socket, "conversation:start", { body: "Ja, graag", clientId: "late-1", invitation: true });
    expect(started.ok).toBe(true);
    await eventually(async () => {
      const list = await api<Conversation[]>(server.url, "/api/conversations?status=active", { token: server.adminToken });
      const mine = list.body.find((c) => c.id === started.conversation.id);
      expect(mine?.operator?.name).toBeDefined();
      expect(mine?.operator?.name).not.toBe("Fenna");
    });
  });

  it("does not invite again a visitor who dismissed an invitation, by hand or automatically", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Sem" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket, session } = await connectVisitor(server.url, { locale: "en" });
    sockets.push(operator, socket);
    socket.emit("page", { url: "https://shop.example/help" });
    await eventually(async () => expect((await live()).some((v) => v.id === session.visitorId)).toBe(true));
    const invitations: InvitationPayload[] = [];
    socket.on("invitation", (i) => invitations.push(i));

    expect((await emitAck(operator, "visitor:invite", { visitorId: session.visitorId, body: "Can I help?" })).ok).toBe(true);
    await eventually(() => expect(invitations).toHaveLength(1));
    expect((await emitAck(socket, "invitation:dismiss", {})).ok).toBe(true);

    const refused = await emitAck(operator, "visitor:invite", { visitorId: session.visitorId, body: "Really?" });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe("INVITATION_DISMISSED");
    await eventually(async () => expect((await live()).find((v) => v.id === session.visitorId)?.dismissedInvitation).toBe(true));

    // The automatic rule invites a fresh visitor on a matching page, and not the one who said no.
    const patched = await api(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { autoInvite: { enabled: true, afterSeconds: 1, pagePattern: "/help", body: { nl: "Hulp nodig?", en: "Need a hand?" } } } });
    expect(patched.status).toBe(200);
    const { socket: fresh } = await connectVisitor(server.url, { locale: "en" });
    sockets.push(fresh);
    const automatic = nextEvent<InvitationPayload>(fresh, "invitation");
    fresh.emit("page", { url: "https://shop.example/help/returns" });
    expect((await automatic).body).toBe("Need a hand?");
    expect(invitations).toHaveLength(1);
    await api(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { autoInvite: { enabled: false, afterSeconds: 30, pagePattern: "", body: { nl: "Hulp nodig?", en: "Need a hand?" } } } });
  });

  it("refuses to invite a visitor who is not on the site", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Lotte" });
    const operator = await onlineOperator(server.url, op.token);
    sockets.push(operator);
    const ack = await emitAck(operator, "visitor:invite", { visitorId: "nobody-here", body: "Hallo" });
    expect(ack.error.code).toBe("VISITOR_NOT_ONLINE");
  });
});

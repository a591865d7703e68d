// Issue #14: an idle visitor's socket holds no handler functions of its own and only the profile its row will need; all of it still works.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { ADMIN, connectVisitor, emitAck, eventually, login, onlineOperator, type VisitorSocket } from "../support/clients.js";

const server = useTestServer();

/** The server's side of each visitor socket open now. */
const serverSockets = () => [...server.ctx.visitors.sockets.values()];

describe("idle visitor sockets", () => {
  it("share one set of handlers and listeners, hold their handshake profile in one shape, and drop it once the row is written", async () => {
    const auths = [
      { name: "Ada", locale: "nl", timeZone: "Europe/Amsterdam", pageUrl: "https://shop.example/cart" },
      { locale: "en" },
      { email: "grace@example.com" },
    ];
    const visitors: VisitorSocket[] = [];
    for (const auth of auths) visitors.push((await connectVisitor(server.url, auth)).socket);
    const sockets = serverSockets();
    expect(sockets).toHaveLength(auths.length);

    // One any-listener and one disconnect listener for every socket, not a set each.
    expect(sockets.every((s) => s.listenersAny().length === 1 && s.listeners("disconnect").length === 1)).toBe(true);
    expect(new Set(sockets.map((s) => s.listenersAny()[0])).size).toBe(1);
    expect(new Set(sockets.map((s) => s.listeners("disconnect")[0])).size).toBe(1);

    // No chat yet: no ownership set; the profile waits for the row with the same fields in the same order.
    expect(sockets.every((s) => s.data.conversationIds === undefined)).toBe(true);
    const profiles = sockets.map((s) => s.data.unsaved!);
    expect(profiles.every((p) => p !== undefined)).toBe(true);
    expect(new Set(profiles.map((p) => Object.keys(p).join(","))).size).toBe(1);
    const ada = sockets.find((s) => s.data.unsaved?.name === "Ada")!;
    expect(ada.data.unsaved).toMatchObject({ name: "Ada", locale: "nl", timeZone: "Europe/Amsterdam", pageUrl: "https://shop.example/cart" });
    expect(await server.ctx.db.visitor.count({ where: { id: { in: sockets.map((s) => s.data.visitorId) } } })).toBe(0);

    // The shared handlers act for the socket that sent: Ada's chat is Ada's, her row gets her handshake's profile.
    const { token } = await login(server.url, ADMIN.email, ADMIN.password);
    const operator = await onlineOperator(server.url, token);
    const adaClient = visitors[0]!;
    const started = await emitAck(adaClient, "conversation:start", { body: "Waar blijft mijn pakket?", clientId: "idle-1" });
    expect(started.ok).toBe(true);
    expect(ada.data.unsaved).toBeUndefined();
    expect([...(ada.data.conversationIds ?? [])]).toEqual([started.conversation.id]);
    const row = await server.ctx.db.visitor.findUnique({ where: { id: ada.data.visitorId } });
    expect(row).toMatchObject({ name: "Ada", locale: "nl", timeZone: "Europe/Amsterdam", pageUrl: "https://shop.example/cart" });
    expect(sockets.filter((s) => s !== ada).every((s) => s.data.unsaved !== undefined && s.data.conversationIds === undefined)).toBe(true);

    // Another visitor may not write into Ada's chat through the same handlers.
    const refused = await emitAck(visitors[1]!, "message:send", { conversationId: started.conversation.id, clientId: "idle-2", body: "mag ik?" });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const sent = await emitAck(adaClient, "message:send", { conversationId: started.conversation.id, clientId: "idle-3", body: "Order 1001" });
    expect(sent.ok).toBe(true);

    // The shared disconnect listener knows whose socket went: Ada's chat shows her gone, no one else's state changes.
    adaClient.close();
    await eventually(async () => {
      const conversation = await server.ctx.db.conversation.findUniqueOrThrow({ where: { id: started.conversation.id } });
      expect(conversation.visitorConnected).toBe(false);
    }, 20_000);
    expect(serverSockets()).toHaveLength(auths.length - 1);
    for (const v of visitors.slice(1)) v.close();
    operator.close();
  }, 60_000);
});

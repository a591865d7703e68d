// Deactivating a user signs them out everywhere at once: the open inbox socket is cut off, the token
// stops working, sign-in is refused, and their chats go back to the queue. A password reset signs out too.
import { describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("deactivating a user", () => {
  it("cuts off their open socket, ends their sessions, refuses sign-in and requeues their chat", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Dirk Deactivated" });
    const socket = await onlineOperator(server.url, op.token);
    const { socket: visitor } = await connectVisitor(server.url, { name: "Vera", locale: "nl" });
    const assigned = nextEvent<Conversation>(socket, "conversation:assigned");
    await emitAck(visitor, "conversation:start", { body: "Hallo", clientId: "v-1" });
    const conversation = await assigned;

    const ended = nextEvent<{ reason: string }>(socket, "session:ended");
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const res = await api(server.url, `/api/users/${op.id}`, { method: "DELETE", token: server.adminToken });
    expect(res.status).toBe(204);
    expect((await ended).reason).toBe("deactivated");
    expect(await disconnected).toBe("io server disconnect");

    expect((await api(server.url, "/api/me", { token: op.token })).status).toBe(401);
    const signIn = await api<{ error: { code: string } }>(server.url, "/api/auth/login", { body: { email: op.email, password: op.password } });
    expect(signIn.status).toBe(401);
    expect(signIn.body.error.code).toBe("INVALID_CREDENTIALS");

    await eventually(async () => {
      const queued = await api<Array<{ id: string; status: string; operator?: unknown }>>(server.url, "/api/conversations?status=queued", { token: server.adminToken });
      expect(queued.body.find((c) => c.id === conversation.id)).toMatchObject({ status: "queued" });
    });
    const users = await api<Array<{ id: string; active: boolean }>>(server.url, "/api/users", { token: server.adminToken });
    expect(users.body.find((u) => u.id === op.id)?.active).toBe(false);
    visitor.close();
  });

  it("a reactivated user signs in again; a password reset signs them out and the new password works", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Ria Reset" });
    const socket = await onlineOperator(server.url, op.token);
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const reset = await api(server.url, `/api/users/${op.id}`, { method: "PATCH", token: server.adminToken, body: { password: "a-brand-new-password" } });
    expect(reset.status).toBe(200);
    expect(await disconnected).toBe("io server disconnect");
    expect((await api(server.url, "/api/me", { token: op.token })).status).toBe(401);
    expect((await api(server.url, "/api/auth/login", { body: { email: op.email, password: op.password } })).status).toBe(401);
    expect((await api(server.url, "/api/auth/login", { body: { email: op.email, password: "a-brand-new-password" } })).status).toBe(200);

    await api(server.url, `/api/users/${op.id}`, { method: "DELETE", token: server.adminToken });
    const back = await api<{ active: boolean }>(server.url, `/api/users/${op.id}`, { method: "PATCH", token: server.adminToken, body: { active: true } });
    expect(back.body.active).toBe(true);
    expect((await api(server.url, "/api/auth/login", { body: { email: op.email, password: "a-brand-new-password" } })).status).toBe(200);
  });

  it("refuses a too-short password naming the field", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Kees Kort" });
    const res = await api<{ error: { code: string; field: string } }>(server.url, `/api/users/${op.id}`, { method: "PATCH", token: server.adminToken, body: { password: "short" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "BAD_REQUEST", field: "password" });
  });
});

// Inviting a colleague: the admin gets a one-time link instead of typing a password for them; the
// link lets the new user choose a password and signs them in. The same kind of link resets a
// forgotten password. Links work once, expire, and die with a newer link or a deactivation.
import { describe, expect, it } from "vitest";
import type { InvitationInfo, InvitationLink, User } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, createOperator, login, onlineOperator } from "../support/clients.js";

const server = useTestServer();

const tokenOf = (link: InvitationLink) => new URL(link.url).hash.replace("#invite=", "");

async function invite(name: string): Promise<User & { invitation: InvitationLink }> {
  const email = `${name.toLowerCase()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const res = await api<User & { invitation: InvitationLink }>(server.url, "/api/users", { token: server.adminToken, body: { name, email, role: "operator", invite: true } });
  expect(res.status).toBe(201);
  return res.body;
}

describe("invitation links", () => {
  it("let an invited user choose a password once, which signs them in; until then nobody can sign in as them", async () => {
    const anna = await invite("Anna");
    expect(anna).toMatchObject({ hasPassword: false, invitation: { url: expect.stringMatching(/\/inbox\/#invite=[\w-]{40,}$/), expiresAt: expect.any(String) } });
    expect(tokenOf(anna.invitation)).toBe(anna.invitation.token);
    expect(new URL(anna.invitation.url).origin).toBe(server.url);
    const days = (Date.parse(anna.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const noPassword = await api(server.url, "/api/auth/login", { body: { email: anna.email, password: "" } });
    expect(noPassword.status).toBe(400);
    const guessed = await api(server.url, "/api/auth/login", { body: { email: anna.email, password: "anything-at-all" } });
    expect(guessed.status).toBe(401);

    const info = await api<InvitationInfo>(server.url, `/api/invitations/${anna.invitation.token}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ email: anna.email, name: "Anna", locale: "en", expiresAt: anna.invitation.expiresAt, reset: false });

    const tooShort = await api<{ error: { code: string; field: string } }>(server.url, `/api/invitations/${anna.invitation.token}`, { body: { password: "kort" }, headers: { "x-locale": "nl" } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error).toMatchObject({ code: "BAD_REQUEST", field: "password" });
    // A refused password leaves the link usable.
    const accepted = await api<{ token: string; user: User }>(server.url, `/api/invitations/${anna.invitation.token}`, { body: { password: "anna-chose-this-1" } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: anna.id, hasPassword: true });
    expect(accepted.headers.get("set-cookie")).toMatch(/httpOnly/i);
    expect((await api<User>(server.url, "/api/me", { token: accepted.body.token })).body.id).toBe(anna.id);
    await login(server.url, anna.email, "anna-chose-this-1");

    const again = await api<{ error: { code: string; message: string } }>(server.url, `/api/invitations/${anna.invitation.token}`, { body: { password: "someone-else-2" }, headers: { "x-locale": "nl" } });
    expect(again.status).toBe(410);
    expect(again.body.error).toEqual({ code: "INVITATION_INVALID", message: "Deze link is verlopen of al gebruikt. Vraag uw beheerder om een nieuwe." });
    await login(server.url, anna.email, "anna-chose-this-1");
  });

  it("work once when two tabs race with the same link", async () => {
    const bram = await invite("Bram");
    const tries = await Promise.all(["first-password-1", "second-password-2"].map((password) => api(server.url, `/api/invitations/${bram.invitation.token}`, { body: { password } })));
    expect(tries.map((t) => t.status).sort()).toEqual([200, 410]);
  });

  it("as a reset link, sign the user out everywhere and make only the new password work", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Cor" });
    const socket = await onlineOperator(server.url, op.token);
    const ended = new Promise((resolve) => socket.once("session:ended", resolve));
    const link = await api<InvitationLink>(server.url, `/api/users/${op.id}/invitation`, { method: "POST", token: server.adminToken, body: {} });
    expect(link.status).toBe(201);
    expect((await api<InvitationInfo>(server.url, `/api/invitations/${link.body.token}`)).body.reset).toBe(true);
    // The old password keeps working until the link is used.
    await login(server.url, op.email, "operator-password-1");
    expect((await api(server.url, `/api/invitations/${link.body.token}`, { body: { password: "cor-new-password-1" } })).status).toBe(200);
    await ended;
    expect((await api(server.url, "/api/me", { token: op.token })).status).toBe(401);
    expect((await api(server.url, "/api/auth/login", { body: { email: op.email, password: "operator-password-1" } })).status).toBe(401);
    await login(server.url, op.email, "cor-new-password-1");
    socket.close();
  });

  it("die when a newer link is made or the user is deactivated, and unknown tokens tell nothing", async () => {
    const dirk = await invite("Dirk");
    const newer = await api<InvitationLink>(server.url, `/api/users/${dirk.id}/invitation`, { method: "POST", token: server.adminToken, body: {} });
    expect((await api(server.url, `/api/invitations/${dirk.invitation.token}`)).status).toBe(410);
    expect((await api(server.url, `/api/invitations/${newer.body.token}`)).status).toBe(200);
    expect((await api(server.url, `/api/users/${dirk.id}`, { method: "DELETE", token: server.adminToken })).status).toBe(204);
    expect((await api(server.url, `/api/invitations/${newer.body.token}`, { body: { password: "dirk-password-1" } })).status).toBe(410);
    expect((await api(server.url, `/api/users/${dirk.id}/invitation`, { method: "POST", token: server.adminToken, body: {} })).status).toBe(409);
    expect((await api(server.url, "/api/invitations/not-a-real-token")).status).toBe(410);

    const erik = await invite("Erik");
    expect((await api(server.url, `/api/users/${erik.id}`, { method: "PATCH", token: server.adminToken, body: { password: "set-by-admin-1" } })).status).toBe(200);
    expect((await api(server.url, `/api/invitations/${erik.invitation.token}`)).status).toBe(410);
    await login(server.url, erik.email, "set-by-admin-1");
  });

  it("are made by admins only, and a new user needs a password or an invitation, not both", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Eva" });
    expect((await api(server.url, `/api/users/${op.id}/invitation`, { method: "POST", token: op.token, body: {} })).status).toBe(403);
    const neither = await api<{ error: { field: string } }>(server.url, "/api/users", { token: server.adminToken, body: { name: "Fay", email: "fay@example.com", role: "operator" } });
    expect(neither.status).toBe(400);
    expect(neither.body.error.field).toBe("password");
    const both = await api(server.url, "/api/users", { token: server.adminToken, body: { name: "Fay", email: "fay@example.com", role: "operator", password: "fay-password-1", invite: true } });
    expect(both.status).toBe(400);
    const users = await api<User[]>(server.url, "/api/users", { token: server.adminToken });
    expect(users.body.some((u) => u.email === "fay@example.com")).toBe(false);
  });

  it("are in the admin history as invitations and reset links", async () => {
    const gijs = await invite("Gijs");
    await api(server.url, `/api/users/${gijs.id}/invitation`, { method: "POST", token: server.adminToken, body: {} });
    const history = await api<Array<{ entityId: string; action: string }>>(server.url, "/api/audit?entity=user", { token: server.adminToken });
    expect(history.body.filter((e) => e.entityId === gijs.id).map((e) => e.action)).toEqual(["invited", "created"]);
  });
});

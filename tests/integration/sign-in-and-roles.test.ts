import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { ADMIN, api, createOperator, login } from "../support/clients.js";

const server = useTestServer();

describe("sign-in and roles", () => {
  it("signs in with the configured admin, sets an httpOnly cookie, and /api/me answers with the user", async () => {
    const res = await api<{ token: string; user: { email: string; role: string } }>(server.url, "/api/auth/login", { body: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: "admin" });
    expect(res.headers.get("set-cookie")).toMatch(/lc_session=.*HttpOnly/i);
    const me = await api(server.url, "/api/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, role: "admin" });
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const viaCookie = await api(server.url, "/api/me", { headers: { cookie } });
    expect(viaCookie.status).toBe(200);
  });

  it("refuses a wrong password with 401 and an error in the caller's language", async () => {
    const en = await api<{ error: { code: string; message: string } }>(server.url, "/api/auth/login", { body: { email: ADMIN.email, password: "wrong-password" } });
    expect(en.status).toBe(401);
    expect(en.body.error.code).toBe("INVALID_CREDENTIALS");
    const nl = await api<{ error: { message: string } }>(server.url, "/api/auth/login", { body: { email: ADMIN.email, password: "nope" }, headers: { "accept-language": "nl-NL,nl;q=0.9" } });
    expect(nl.body.error.message).toMatch(/wachtwoord/);
  });

  it("gives an operator 403 on admin routes and never returns password hashes", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Olga Operator" });
    const list = await api<Array<Record<string, unknown>>>(server.url, "/api/users", { token: server.adminToken });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|argon2/);
    for (const [method, path] of [["GET", "/api/users"], ["POST", "/api/users"], ["PATCH", `/api/users/${op.id}`], ["DELETE", `/api/users/${op.id}`], ["POST", "/api/canned-replies"], ["GET", "/api/settings"]] as const) {
      const res = await api(server.url, path, { method, token: op.token, body: method === "GET" || method === "DELETE" ? undefined : {} });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it("keeps an operator's own language, and server errors speak it (X-Locale wins for one request)", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Nina Nederlands" });
    const changed = await api<{ locale: string }>(server.url, "/api/me", { method: "PATCH", token: op.token, body: { locale: "nl" } });
    expect(changed).toMatchObject({ status: 200, body: { locale: "nl" } });
    const forbiddenNl = await api<{ error: { message: string } }>(server.url, "/api/users", { token: op.token });
    expect(forbiddenNl.body.error.message).toBe("U mag dit niet doen.");
    const forbiddenEn = await api<{ error: { message: string } }>(server.url, "/api/users", { token: op.token, headers: { "x-locale": "en" } });
    expect(forbiddenEn.body.error.message).toBe("You are not allowed to do this.");
    const bad = await api(server.url, "/api/me", { method: "PATCH", token: op.token, body: { locale: "fr" } });
    expect(bad.status).toBe(400);
  });

  it("signs out: the token stops working", async () => {
    const { token } = await login(server.url);
    expect((await api(server.url, "/api/auth/logout", { method: "POST", token })).status).toBe(204);
    expect((await api(server.url, "/api/me", { token })).status).toBe(401);
  });

  it("limits failed sign-ins per account with 429 and Retry-After, but not successful ones", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Rita Ratelimit" });
    for (let i = 0; i < 5; i++) await login(server.url, op.email, op.password);
    let last = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const res = await api(server.url, "/api/auth/login", { body: { email: op.email, password: "wrong-password" } });
      last = res.status;
      retryAfter = res.headers.get("retry-after");
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("answers malformed JSON, unknown routes and bad input with JSON errors, never HTML", async () => {
    const bad = await fetch(server.url + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    const missing = await api(server.url, "/api/nope", { token: server.adminToken });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    const invalid = await api<{ error: { code: string; field: string } }>(server.url, "/api/users", { token: server.adminToken, body: { email: "not-an-email", name: "X", password: "long-enough-1", role: "operator" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: "BAD_REQUEST", field: "email" });
    const health = await api(server.url, "/healthz");
    expect(health).toMatchObject({ status: 200, body: { ok: true } });
  });
});

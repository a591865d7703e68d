// Nobody can remove the last admin: not by deactivating, not by demoting, not themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { ADMIN, api, createOperator, login } from "../support/clients.js";
import { dutchAdminToken } from "./admin-support.js";

let server: TestServer;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer();
  adminId = (await login(server.url)).user.id;
});
afterAll(() => server?.close());

describe("the last admin", () => {
  it("cannot be deactivated, demoted or switched off, and the refusal is explained in the admin's language", async () => {
    const attempts = [
      { method: "DELETE", body: undefined },
      { method: "PATCH", body: { role: "operator" } },
      { method: "PATCH", body: { active: false } },
    ];
    const token = await dutchAdminToken(server.url, server.adminToken);
    for (const { method, body } of attempts) {
      const res = await api<{ error: { code: string; message: string } }>(server.url, `/api/users/${adminId}`, { method, body, token });
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(409);
      expect(res.body.error.code).toBe("LAST_ADMIN");
      expect(res.body.error.message).toMatch(/laatste beheerder/);
    }
    const me = await api<User>(server.url, "/api/me", { token: server.adminToken });
    expect(me.body).toMatchObject({ role: "admin" });
    expect((await login(server.url, ADMIN.email, ADMIN.password)).user.role).toBe("admin");
  });

  it("can step down once another admin exists, and that one is then the last", async () => {
    const second = await createOperator(server.url, server.adminToken, { name: "Anouk Admin", role: "admin" });
    const demoted = await api<User>(server.url, `/api/users/${adminId}`, { method: "PATCH", token: server.adminToken, body: { role: "operator" } });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe("operator");
    const refused = await api<{ error: { code: string } }>(server.url, `/api/users/${second.id}`, { method: "DELETE", token: second.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("LAST_ADMIN");
    const restored = await api<User>(server.url, `/api/users/${adminId}`, { method: "PATCH", token: second.token, body: { role: "admin" } });
    expect(restored.body.role).toBe("admin");
  });
});

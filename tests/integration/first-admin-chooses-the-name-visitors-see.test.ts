// The first admin is created without a real name unless ADMIN_NAME gives one; they choose it themselves, and nothing else changes it back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, login } from "../support/clients.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ADMIN_NAME: "" });
});
afterAll(() => server?.close());

describe("the first admin", () => {
  it("is asked for a name until they choose one; a blank one is refused and changes nothing", async () => {
    const session = await login(server.url);
    const before = await api<User>(server.url, "/api/me", { token: session.token });
    expect(before.body.needsName).toBe(true);

    const blank = await api<{ error: { code: string } }>(server.url, "/api/me", { method: "PATCH", token: session.token, body: { name: "   " } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe("BAD_REQUEST");
    expect((await api<User>(server.url, "/api/me", { token: session.token })).body.needsName).toBe(true);

    const chosen = await api<User>(server.url, "/api/me", { method: "PATCH", token: session.token, body: { name: "Marieke de Vries" } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.name).toBe("Marieke de Vries");
    expect(chosen.body.needsName).toBeUndefined();
    // A new sign-in, and the list an admin reads, carry the chosen name and no longer ask.
    const again = await login(server.url);
    expect(again.user.name).toBe("Marieke de Vries");
    const users = await api<User[]>(server.url, "/api/users", { token: again.token });
    expect(users.body.find((u) => u.id === again.user.id)).toMatchObject({ name: "Marieke de Vries" });
    expect(users.body.find((u) => u.id === again.user.id)?.needsName).toBeUndefined();
    // The language alone can still be changed as before.
    expect((await api<User>(server.url, "/api/me", { method: "PATCH", token: again.token, body: { locale: "nl" } })).body).toMatchObject({ locale: "nl", name: "Marieke de Vries" });
  });

  it("named by ADMIN_NAME is not asked", async () => {
    const named = await startTestServer({ ADMIN_NAME: "Pieter Jansen" });
    try {
      const session = await login(named.url);
      expect(session.user.name).toBe("Pieter Jansen");
      expect((await api<User>(named.url, "/api/me", { token: session.token })).body.needsName).toBeUndefined();
    } finally {
      await named.close();
    }
  });
});

// Every admin route answers an admin, refuses an operator with 403 and a stranger with 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, createOperator } from "../support/clients.js";
import { dutchAdminToken } from "./admin-support.js";

let server: TestServer;
let operator: { id: string; token: string };
let replyId: string;
beforeAll(async () => {
  server = await startTestServer();
  operator = await createOperator(server.url, server.adminToken, { name: "Otto Operator" });
  const replies = await api<Array<{ id: string }>>(server.url, "/api/canned-replies", { token: server.adminToken });
  replyId = replies.body[0]!.id;
});
afterAll(() => server?.close());

const adminRoutes = (): Array<[method: string, path: string, body?: unknown]> => [
  ["GET", "/api/users"],
  ["POST", "/api/users", {}],
  ["PATCH", `/api/users/${operator.id}`, {}],
  ["DELETE", `/api/users/${operator.id}`],
  ["POST", "/api/canned-replies", {}],
  ["PATCH", `/api/canned-replies/${replyId}`, {}],
  ["DELETE", `/api/canned-replies/${replyId}`],
  ["GET", "/api/canned-replies/export"],
  ["POST", "/api/canned-replies/import", []],
  ["GET", "/api/settings"],
  ["PATCH", "/api/settings", {}],
  ["GET", "/api/audit"],
  ["GET", "/api/reports/summary"],
];

describe("admin routes", () => {
  it("refuse an operator with 403 FORBIDDEN and change nothing", async () => {
    for (const [method, path, body] of adminRoutes()) {
      const res = await api<{ error: { code: string } }>(server.url, path, { method, token: operator.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code, `${method} ${path}`).toBe("FORBIDDEN");
    }
    const still = await api<Array<{ id: string }>>(server.url, "/api/canned-replies", { token: operator.token });
    expect(still.body.some((r) => r.id === replyId)).toBe(true);
    const users = await api<Array<{ id: string; active: boolean }>>(server.url, "/api/users", { token: server.adminToken });
    expect(users.body.find((u) => u.id === operator.id)?.active).toBe(true);
  });

  it("refuse a caller without a session with 401", async () => {
    for (const [method, path, body] of adminRoutes()) {
      const res = await api(server.url, path, { method, body });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it("answer an admin", async () => {
    for (const path of ["/api/users", "/api/canned-replies/export", "/api/settings", "/api/audit", "/api/reports/summary"]) {
      const res = await api(server.url, path, { token: server.adminToken });
      expect(res.status, path).toBe(200);
    }
  });

  it("refuse invalid settings naming the field, in the admin's language", async () => {
    const res = await api<{ error: { code: string; field: string; message: string } }>(server.url, "/api/settings", {
      method: "PATCH",
      token: await dutchAdminToken(server.url, server.adminToken),
      body: { widget: { accentColor: "red", greeting: { nl: "Hallo", en: "Hi" }, defaultLocale: "nl" } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "BAD_REQUEST", field: "widget.accentColor" });
    expect(res.body.error.message).toMatch(/controleer/i);
    const saved = await api<{ widget: { accentColor: string } }>(server.url, "/api/settings", {
      method: "PATCH",
      token: server.adminToken,
      body: { widget: { accentColor: "#123456", greeting: { nl: "Hallo daar", en: "Hi there" }, defaultLocale: "nl" }, waitLimitSeconds: 120 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.widget.accentColor).toBe("#123456");
  });
});

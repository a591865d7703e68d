// The history names who changed which canned reply, user or setting, newest first.
import { describe, expect, it } from "vitest";
import type { AuditEntry, CannedReply } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, createOperator } from "../support/clients.js";

const server = useTestServer();

describe("the admin history", () => {
  it("lists each change with the actor's name, newest first, filtered by kind", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Hanna Historie" });
    const reply = await api<CannedReply>(server.url, "/api/canned-replies", { token: server.adminToken, body: { title: "Historie", body: "Tekst", locale: "nl", phases: ["opening"] } });
    await api(server.url, `/api/canned-replies/${reply.body.id}`, { method: "PATCH", token: server.adminToken, body: { body: "Nieuwe tekst" } });
    await api(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { waitLimitSeconds: 240 } });
    await api(server.url, `/api/users/${op.id}`, { method: "PATCH", token: server.adminToken, body: { maxChats: 5, password: "another-password-1" } });

    const all = await api<AuditEntry[]>(server.url, "/api/audit", { token: server.adminToken });
    expect(all.status).toBe(200);
    expect(all.body.slice(0, 5).map((e) => [e.entity, e.action])).toEqual([
      ["user", "updated"],
      ["setting", "updated"],
      ["canned_reply", "updated"],
      ["canned_reply", "created"],
      ["user", "created"],
    ]);
    expect(all.body.every((e) => e.actor?.name === "Admin")).toBe(true);
    expect(all.body[0]!.data).toMatchObject({ maxChats: 5, passwordReset: true });
    expect(JSON.stringify(all.body)).not.toContain("another-password-1");
    const times = all.body.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const replies = await api<AuditEntry[]>(server.url, "/api/audit?entity=canned_reply&limit=1", { token: server.adminToken });
    expect(replies.body).toHaveLength(1);
    expect(replies.body[0]).toMatchObject({ entity: "canned_reply", entityId: reply.body.id, action: "updated" });
    const bad = await api<{ error: { field: string } }>(server.url, "/api/audit?entity=visitor", { token: server.adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("entity");
  });
});

// Two server nodes on one PostgreSQL (and one Redis) both run the outbox worker: every queued mail
// reaches the SMTP server exactly once, also when both nodes find the same backlog due at once.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, eventually } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { startSmtpSink, toOf } from "./mail-support.js";

const available = await requireServices(["postgres", "redis"], "the cluster mail suite");
const sink = await startSmtpSink();
const nodes: TestServer[] = [];
afterAll(async () => {
  for (const n of nodes) await n.close();
  await sink.close();
});

describe.skipIf(!available)("mail in a cluster of two nodes", () => {
  it("sends each of 40 mails queued on both nodes during an SMTP outage once, when SMTP comes back", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_mail_${randomBytes(5).toString("hex")}`);
    // Both workers poll often and retry soon, so both find the whole backlog due at the same moment.
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "cluster-test-secret", SMTP_URL: sink.url, MAIL_POLL_MS: "20", MAIL_RETRY_BASE_MS: "300" };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    nodes.push(a, b);
    await sink.down();
    const addresses = Array.from({ length: 40 }, (_, i) => `cluster-${i}@example.com`);
    await Promise.all(addresses.map(async (to, i) => expect((await api((i % 2 ? a : b).url, "/api/mail/test", { token: (i % 2 ? a : b).adminToken, body: { to } })).status).toBe(202)));
    await eventually(async () => {
      const list = await api<Array<{ attempts: number }>>(a.url, "/api/mail", { token: a.adminToken });
      expect(list.body).toHaveLength(40);
      expect(list.body.every((m) => m.attempts >= 1)).toBe(true);
    }, 20_000);
    await sink.up();
    await eventually(async () => {
      const status = await api<{ counts: Record<string, number> }>(b.url, "/api/mail/status", { token: b.adminToken });
      expect(status.body.counts).toEqual({ queued: 0, sent: 40, failed: 0 });
    }, 30_000);
    expect(sink.received.map(toOf).sort()).toEqual([...addresses].sort());
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(40);
  }, 60_000);
});

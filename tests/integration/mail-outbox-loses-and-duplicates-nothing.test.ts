// The outbox keeps every mail through an SMTP outage and sends each once: queued while the SMTP
// server is down, sent when it is back, with the same Message-ID on every retry.
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, eventually } from "../support/clients.js";
import { startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
const server = useTestServer({ SMTP_URL: sink.url, MAIL_POLL_MS: "50", MAIL_RETRY_BASE_MS: "100" });

describe("the mail outbox", () => {
  it("queues mails while SMTP is down and sends each exactly once when it comes back", async () => {
    await api(server.url, "/api/mail/test", { token: server.adminToken, body: { to: "before@example.com" } });
    await eventually(() => expect(sink.received.map(toOf)).toContain("before@example.com"));
    await sink.down();
    const addresses = Array.from({ length: 8 }, (_, i) => `outage-${i}@example.com`);
    for (const to of addresses) expect((await api(server.url, "/api/mail/test", { token: server.adminToken, body: { to } })).status).toBe(202);
    // Wait until every one has failed at least once against the closed port.
    await eventually(async () => {
      const list = await api<Array<{ to: string; attempts: number; status: string; lastError?: string }>>(server.url, "/api/mail", { token: server.adminToken });
      const pending = list.body.filter((m) => addresses.includes(m.to));
      expect(pending.every((m) => m.status === "queued" && m.attempts >= 1 && m.lastError)).toBe(true);
    });
    await sink.up();
    await eventually(async () => {
      const status = await api<{ configured: boolean; counts: Record<string, number> }>(server.url, "/api/mail/status", { token: server.adminToken });
      expect(status.body).toMatchObject({ configured: true, counts: { queued: 0, sent: 9, failed: 0 } });
    }, 30_000);
    const arrived = sink.received.map(toOf).filter((to) => addresses.includes(to));
    expect(arrived.sort()).toEqual([...addresses].sort());
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(sink.received.length);
  });

  it("previews every template in both languages, escaping the values", async () => {
    const names = await api<Array<{ name: string }>>(server.url, "/api/mail/templates", { token: server.adminToken });
    expect(names.body.map((t) => t.name)).toEqual(["offline_answer", "follow_up_answer", "transcript", "invitation", "password_reset", "unanswered_alert", "test", "chat_reply"]);
    for (const { name } of names.body) {
      const nl = await api<{ subject: string; html: string; text: string }>(server.url, `/api/mail/templates/${name}/preview?locale=nl`, { token: server.adminToken });
      const en = await api<{ subject: string; html: string; text: string }>(server.url, `/api/mail/templates/${name}/preview?locale=en`, { token: server.adminToken });
      expect(nl.status).toBe(200);
      expect(nl.body.subject).not.toBe(en.body.subject);
      expect(nl.body.html).toContain('<html lang="nl">');
    }
    const offline = await api<{ html: string; text: string }>(server.url, "/api/mail/templates/offline_answer/preview?locale=en", { token: server.adminToken });
    expect(offline.body.html).toContain("Sam &lt;Sample&gt;");
    expect(offline.body.text).toContain("Sam <Sample>");
  });
});

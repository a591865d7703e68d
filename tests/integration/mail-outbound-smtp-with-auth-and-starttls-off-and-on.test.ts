// Outbound mail reaches a real SMTP server in each way a deployment's relay may be set up: with
// and without AUTH, with and without STARTTLS (a self-signed certificate made for the test, which
// only this test's SMTP_URL tells nodemailer to accept). The relay records how each mail came in.
import { describe, expect, it, onTestFinished } from "vitest";
import { startTestServer } from "../support/server.js";
import { api, eventually } from "../support/clients.js";
import { SMTP_USER, startSmtpSink, toOf } from "./mail-support.js";

const cases = [
  { auth: false, starttls: false },
  { auth: true, starttls: false },
  { auth: false, starttls: true },
  { auth: true, starttls: true },
] as const;

describe.each(cases)("a relay with AUTH $auth and STARTTLS $starttls", ({ auth, starttls }) => {
  it("gets the test mail, signed in and encrypted exactly as the relay asks", async () => {
    const sink = await startSmtpSink({ auth, starttls });
    const server = await startTestServer({ SMTP_URL: sink.url, MAIL_FROM: "Support <support@shop.example>", MAIL_POLL_MS: "50" });
    onTestFinished(async () => {
      await server.close();
      await sink.close();
    });
    const to = `relay-${auth}-${starttls}@example.com`;
    expect((await api(server.url, "/api/mail/test", { token: server.adminToken, body: { to } })).status).toBe(202);
    await eventually(() => expect(sink.received.map(toOf)).toEqual([to]));
    expect(sink.received[0]!.subject).toBe("Test mail from your live chat");
    expect(sink.sessions[0]).toEqual({ secure: starttls, ...(auth ? { user: SMTP_USER.username } : {}) });
  });
});

describe("a relay that asks for AUTH, given the wrong password", () => {
  it("keeps the mail queued with the relay's refusal as its last error", async () => {
    const sink = await startSmtpSink({ auth: true });
    const server = await startTestServer({ SMTP_URL: sink.url.replace(SMTP_USER.password, "wrong-password"), MAIL_POLL_MS: "50", MAIL_RETRY_BASE_MS: "60000" });
    onTestFinished(async () => {
      await server.close();
      await sink.close();
    });
    await api(server.url, "/api/mail/test", { token: server.adminToken, body: { to: "nobody@example.com" } });
    const list = await eventually(async () => {
      const res = await api<Array<{ status: string; attempts: number; lastError?: string }>>(server.url, "/api/mail", { token: server.adminToken });
      expect(res.body[0]).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringContaining("Invalid username or password") });
      return res.body;
    });
    expect(list).toHaveLength(1);
    expect(sink.received).toEqual([]);
  });
});

// "Forgot password?" answers the same for every address, mails only real accounts, and is held to
// 5 requests per account and 20 per client address an hour (429 with Retry-After), counted alike
// for addresses with and without an account, so the limits say nothing about which exist either.
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, createOperator, eventually } from "../support/clients.js";
import { startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
// The test speaks for many clients through one trusted proxy (loopback), each named in X-Forwarded-For.
const server = useTestServer({ SMTP_URL: sink.url, MAIL_POLL_MS: "50", TRUST_PROXY: "loopback" });

const ask = (email: string, from: string) => api(server.url, "/api/auth/password-reset", { body: { email }, headers: { "x-forwarded-for": from } });

describe("password reset requests", () => {
  it("answer alike for known and unknown addresses and stop both at the sixth request for one account", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Ruud", email: "ruud@example.com" });
    for (const email of [op.email, "nobody@example.com"]) {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await ask(email, `10.0.0.${i + 1}`));
      expect(answers.slice(0, 5).map((a) => [a.status, a.body])).toEqual(Array.from({ length: 5 }, () => [202, undefined]));
      expect(answers[5]!.status).toBe(429);
      expect(Number(answers[5]!.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    await eventually(() => expect(sink.received.filter((m) => toOf(m) === op.email)).toHaveLength(5));
    expect(sink.received.filter((m) => toOf(m) === "nobody@example.com")).toEqual([]);
  });

  it("stops one client address after 20 requests, whichever accounts it asks for", async () => {
    const statuses = [];
    for (let i = 0; i < 21; i++) statuses.push((await ask(`guess-${i}@example.com`, "10.9.9.9")).status);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

// A forgotten password: the reset request answers 202 for any address, only an account gets the
// mail, and the link in it sets the password once; a used link is refused.
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, createOperator, eventually, login } from "../support/clients.js";
import { startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
const server = useTestServer({ SMTP_URL: sink.url, MAIL_POLL_MS: "50" });

describe("a password reset by mail", () => {
  it("mails a single-use link to an account, and says the same for an unknown address", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Lot" });
    await api(server.url, `/api/users/${op.id}`, { method: "PATCH", token: server.adminToken, body: { locale: "nl" } });
    const unknown = await api(server.url, "/api/auth/password-reset", { body: { email: "nobody@example.com" } });
    const known = await api(server.url, "/api/auth/password-reset", { body: { email: op.email.toUpperCase() } });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    const mail = await eventually(() => {
      const found = sink.received.find((m) => toOf(m) === op.email);
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.subject).toBe("Kies een nieuw wachtwoord");
    const token = /#invite=([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
    expect(token).toBeDefined();

    const confirmed = await api(server.url, "/api/auth/password-reset/confirm", { body: { token, password: "a-new-password-1" } });
    expect(confirmed.status).toBe(204);
    await login(server.url, op.email, "a-new-password-1");
    const reused = await api<{ error: { code: string } }>(server.url, "/api/auth/password-reset/confirm", { body: { token, password: "another-password-1" } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe("RESET_LINK_INVALID");
    expect(sink.received.filter((m) => toOf(m) === "nobody@example.com")).toEqual([]);
  });
});

// Issue #13: a full run (sign-ins, a chat both ways, an offline message answered by mail, a password reset) against a
// spawned server logging at debug level leaves no message body, password or token in its output.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, api, connectVisitor, createOperator, emitAck, eventually, login, nextEvent, onlineOperator } from "../support/clients.js";
import { spawnServer } from "../support/spawn-server.js";
import { SMTP_USER, startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());

/** Unique strings, so a hit in the log can only come from this run's secrets. */
const secret = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;

describe("the server's log", () => {
  it("never contains message bodies, passwords or tokens after a full run", async () => {
    const server = await spawnServer({ env: { LOG_LEVEL: "debug", SMTP_URL: sink.url, MAIL_POLL_MS: "50" } });
    const secrets: Record<string, string> = { adminPassword: ADMIN.password, smtpPassword: SMTP_USER.password };
    try {
      const admin = await login(server.url);
      secrets.adminToken = admin.token;
      const wrong = secret("wrong-password");
      secrets.wrongPassword = wrong;
      expect((await api(server.url, "/api/auth/login", { body: { email: ADMIN.email, password: wrong } })).status).toBe(401);

      const operator = await createOperator(server.url, admin.token, { name: "Log Lotte", maxChats: 3 });
      secrets.operatorPassword = operator.password;
      secrets.operatorToken = operator.token;
      const inbox = await onlineOperator(server.url, operator.token);

      const { socket: visitor, session } = await connectVisitor(server.url, { name: "Privé Piet", email: "piet@example.com", locale: "nl" });
      secrets.visitorToken = session.visitorToken;
      const visitorBody = secret("mijn-ordernummer-is");
      secrets.visitorBody = visitorBody;
      const assigned = nextEvent(inbox, "conversation:assigned");
      const started = await emitAck(visitor, "conversation:start", { body: visitorBody, clientId: randomUUID() });
      expect(started.ok).toBe(true);
      const conversationId = started.conversation.id as string;
      await assigned;
      const reply = secret("uw-pakket-komt-morgen");
      secrets.operatorReply = reply;
      expect((await emitAck(inbox, "message:send", { conversationId, clientId: randomUUID(), body: reply })).ok).toBe(true);
      const note = secret("interne-notitie");
      secrets.note = note;
      expect((await emitAck(inbox, "message:send", { conversationId, clientId: randomUUID(), body: note, kind: "note" })).ok).toBe(true);
      // Refused input is not echoed into the log either.
      const refused = secret("te-lang");
      secrets.refused = refused;
      expect((await emitAck(visitor, "message:send", { conversationId, clientId: randomUUID(), body: refused + "x".repeat(100_000) })).ok).toBe(false);
      visitor.close();

      const { socket: later } = await connectVisitor(server.url, { locale: "nl" });
      const offlineBody = secret("bel-mij-terug-over");
      secrets.offlineBody = offlineBody;
      const left = await emitAck(later, "offline:message", { name: "Olga", email: "olga@example.com", body: offlineBody });
      expect(left.ok).toBe(true);
      later.close();
      const answer = secret("antwoord-per-mail");
      secrets.mailAnswer = answer;
      expect((await api(server.url, `/api/offline-messages/${left.id}/reply`, { token: admin.token, body: { body: answer } })).status).toBe(200);
      await eventually(() => expect(sink.received.some((m) => toOf(m) === "olga@example.com")).toBe(true));

      expect((await api(server.url, "/api/auth/password-reset", { body: { email: operator.email } })).status).toBe(202);
      const mail = await eventually(() => {
        const found = sink.received.find((m) => toOf(m) === operator.email);
        expect(found).toBeDefined();
        return found!;
      });
      const resetToken = /#invite=([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
      expect(resetToken).toBeDefined();
      secrets.resetToken = resetToken!;
      const newPassword = secret("new-password");
      secrets.newPassword = newPassword;
      expect((await api(server.url, "/api/auth/password-reset/confirm", { body: { token: resetToken, password: newPassword } })).status).toBe(204);
      secrets.newToken = (await login(server.url, operator.email, newPassword)).token;
      inbox.close();
    } finally {
      await server.stop();
    }

    const log = server.output();
    // The run was logged (so an empty log cannot pass), at debug level.
    expect(log).toContain("listening");
    expect(log.split("\n").filter(Boolean).length).toBeGreaterThan(3);
    const leaked = Object.entries(secrets).filter(([, value]) => log.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
    expect(log).not.toMatch(/Bearer\s+\S/);
  }, 180_000);
});

// An operator who opted in (their own mail preference) gets one mail, in their language, when a
// chat waits past the wait limit while no colleague is online; colleagues who did not opt in get
// none, and nothing is mailed while somebody is online to answer.
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, emitAck, eventually } from "../support/clients.js";
import { member, startChat } from "./routing-support.js";
import { startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
const server = useTestServer({ SMTP_URL: sink.url, MAIL_POLL_MS: "50", PUBLIC_URL: "https://support.example" });

/** The chat has waited this long: its queue time moved back, as if the minutes had passed. */
async function waitedMinutes(conversationId: string, minutes: number): Promise<void> {
  await server.ctx.db.conversation.update({ where: { id: conversationId }, data: { queuedAt: new Date(Date.now() - minutes * 60_000) } });
}

describe("the unanswered-chat alert", () => {
  it("is each operator's own choice, off until they turn it on, and refuses a malformed choice", async () => {
    const noor = await member(server, "Noor", 1, "away");
    expect((await api(server.url, "/api/me/mail-preferences", { token: noor.token })).body).toEqual({ unansweredAlerts: false });
    const bad = await api<{ error: { code: string } }>(server.url, "/api/me/mail-preferences", { method: "PUT", token: noor.token, body: { unansweredAlerts: "yes" } });
    expect(bad.status).toBe(400);
    expect((await api(server.url, "/api/me/mail-preferences", { method: "PUT", token: noor.token, body: { unansweredAlerts: true } })).body).toEqual({ unansweredAlerts: true });
    expect((await api(server.url, "/api/me/mail-preferences", { token: noor.token })).body).toEqual({ unansweredAlerts: true });
    expect((await api(server.url, "/api/me/mail-preferences", { token: server.adminToken })).body).toEqual({ unansweredAlerts: false });
    expect((await api(server.url, "/api/me/mail-preferences", { method: "PUT", token: noor.token, body: { unansweredAlerts: false } })).body).toEqual({ unansweredAlerts: false });
    noor.socket.close();
  });

  it("mails only the operators who opted in, once per chat, and only once nobody is online", async () => {
    const lotte = await member(server, "Lotte", 1, "away");
    await api(server.url, "/api/me", { method: "PATCH", token: lotte.token, body: { locale: "nl" } });
    await api(server.url, "/api/me/mail-preferences", { method: "PUT", token: lotte.token, body: { unansweredAlerts: true } });
    const sem = await member(server, "Sem", 1, "online");
    const first = await startChat(server, "Ilse");
    await eventually(async () => expect((await server.ctx.db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).operatorId).toBe(sem.id));
    const waiting = await startChat(server, "Jasper");
    await waitedMinutes(waiting.conversationId, 7);

    // Sem is online (with a full seat): the team is there, so no alert yet.
    await server.services.mail.service.alertUnanswered();
    expect(await server.ctx.db.mailOutbox.count({ where: { kind: "unanswered_alert" } })).toBe(0);

    await emitAck(sem.socket, "presence:set", { status: "offline" });
    const alert = await eventually(() => {
      const found = sink.received.filter((m) => m.headers.get("x-live-chat-mail") === "unanswered_alert");
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(toOf(alert)).toBe((await server.ctx.db.user.findUniqueOrThrow({ where: { id: lotte.id } })).email);
    expect(alert.subject).toBe("Er wacht een chat en niemand is online");
    expect(alert.text).toContain("Jasper wacht al 7 minuten");
    expect(alert.text).toContain("https://support.example/inbox");

    // Later polls find the same chat still waiting and mail nobody again.
    await server.services.mail.service.alertUnanswered();
    expect(await server.ctx.db.mailOutbox.count({ where: { kind: "unanswered_alert" } })).toBe(1);
    for (const m of [lotte, sem]) m.socket.close();
    first.socket.close();
    waiting.socket.close();
  });
});

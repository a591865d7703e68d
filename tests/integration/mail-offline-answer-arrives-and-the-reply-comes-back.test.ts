// An operator answers an offline message by mail: it arrives in the visitor's language with a
// signed reply address, the item is marked answered once, and the customer's reply comes back into
// the inbox in real time as a mail message; forged tokens and oversize mails are refused at SMTP.
import { afterAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import type { Message, OfflineMessage } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually, nextEvent } from "../support/clients.js";
import { member } from "./routing-support.js";
import { replyToOf, startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink({ starttls: true });
afterAll(() => sink.close());
const server = useTestServer({ SMTP_URL: sink.url, MAIL_FROM: "Support <support@shop.example>", MAIL_POLL_MS: "50", INBOUND_SMTP_PORT: "0", INBOUND_MAIL_MAX_BYTES: "20000" });

const inbound = () => nodemailer.createTransport({ host: "127.0.0.1", port: server.services.mail.inboundPort!, secure: false, ignoreTLS: true });

async function leaveOfflineMessage(name: string, email: string, body: string, locale: "nl" | "en"): Promise<string> {
  const { socket } = await connectVisitor(server.url, { locale });
  const ack = await emitAck(socket, "offline:message", { name, email, body });
  expect(ack.ok).toBe(true);
  socket.close();
  return ack.id as string;
}

describe("answering an offline message by mail", () => {
  it("mails the answer in the visitor's language, marks it answered once, and refuses an empty or second answer in the caller's language", async () => {
    const noor = await member(server, "Noor", 3, "away");
    const id = await leaveOfflineMessage("Bram <b>", "bram@example.nl", "Waar blijft mijn bestelling?", "nl");

    const empty = await api<{ error: { code: string; field: string } }>(server.url, `/api/offline-messages/${id}/reply`, { token: noor.token, body: { body: "   " }, headers: { "x-locale": "nl" } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("body");

    const answered = await api<OfflineMessage>(server.url, `/api/offline-messages/${id}/reply`, { token: noor.token, body: { body: "Uw pakket komt morgen." } });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ id, answeredBy: { id: noor.id, name: "Noor" }, handledAt: expect.any(String) });
    expect(answered.body.answeredAt).toEqual(expect.any(String));

    const again = await api<{ error: { code: string; message: string } }>(server.url, `/api/offline-messages/${id}/reply`, { token: noor.token, body: { body: "Nog een keer" }, headers: { "x-locale": "nl" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "ALREADY_ANSWERED", message: expect.stringContaining("al beantwoord") });

    const mail = await eventually(() => {
      const found = sink.received.find((m) => toOf(m) === "bram@example.nl");
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.subject).toBe("Ons antwoord op uw bericht");
    expect(mail.text).toContain("Beste Bram <b>,");
    expect(mail.text).toContain("Uw pakket komt morgen.");
    expect(mail.text).toContain("> Waar blijft mijn bestelling?");
    expect(mail.html).toContain("Beste Bram &lt;b&gt;,");
    expect(replyToOf(mail)).toMatch(new RegExp(`^reply\\+o-${id}-[0-9a-f]{20}@shop\\.example$`));
    expect(mail.messageId).toMatch(/@shop\.example>$/);

    // The receiving server has the mail a moment before the worker records it as sent.
    await eventually(async () => {
      const outbox = await api<Array<{ to: string; status: string; attempts: number }>>(server.url, "/api/mail", { token: server.adminToken });
      expect(outbox.body.find((m) => m.to === "bram@example.nl")).toMatchObject({ status: "sent", attempts: 1 });
    });
    noor.socket.close();
  });

  it("brings the customer's reply into the inbox in real time, as a queued chat of that visitor with the quoted history stripped", async () => {
    const id = await leaveOfflineMessage("Eva", "eva@example.com", "Can I return shoes?", "en");
    const sem = await member(server, "Sem", 3, "away");
    await api(server.url, `/api/offline-messages/${id}/reply`, { token: sem.token, body: { body: "Yes, within 30 days." } });
    const answer = await eventually(() => {
      const found = sink.received.find((m) => toOf(m) === "eva@example.com");
      expect(found).toBeDefined();
      return found!;
    });
    expect(answer.subject).toBe("Our answer to your message");

    const arrived = nextEvent<Message>(sem.socket, "message", (m) => m.channel === "mail");
    await inbound().sendMail({
      from: "Eva <eva@example.com>",
      to: replyToOf(answer),
      subject: `Re: ${answer.subject}`,
      inReplyTo: answer.messageId,
      text: "Great, how do I send them?\n\nOn Mon, 5 Jan 2026 at 10:00, Support <support@shop.example> wrote:\n> Yes, within 30 days.\n",
    });
    const message = await arrived;
    expect(message).toMatchObject({ kind: "text", author: { type: "visitor" }, body: "Great, how do I send them?", channel: "mail" });
    const stored = await api<Message[]>(server.url, `/api/conversations/${message.conversationId}/messages`, { token: sem.token });
    expect(stored.body.map((m) => [m.body, m.channel])).toEqual([["Great, how do I send them?", "mail"]]);
    const conversation = await api<Array<{ id: string; status: string; visitor: { email?: string } }>>(server.url, "/api/conversations", { token: sem.token });
    expect(conversation.body.find((c) => c.id === message.conversationId)).toMatchObject({ status: "queued", visitor: { email: "eva@example.com" } });
    sem.socket.close();
  });

  it("refuses a forged reply token at RCPT TO and an oversize mail with clear SMTP errors, storing nothing", async () => {
    const forged = inbound().sendMail({ from: "x@example.com", to: "reply+o-abc123-00000000000000000000@shop.example", subject: "hi", text: "hello" });
    await expect(forged).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining("token does not match") });

    const id = await leaveOfflineMessage("Big", "big@example.com", "Hi", "en");
    const sem = await member(server, "Sam", 3, "away");
    await api(server.url, `/api/offline-messages/${id}/reply`, { token: sem.token, body: { body: "Hello" } });
    const answer = await eventually(() => {
      const found = sink.received.find((m) => toOf(m) === "big@example.com");
      expect(found).toBeDefined();
      return found!;
    });
    const oversize = inbound().sendMail({ from: "big@example.com", to: replyToOf(answer), subject: "big", text: "x".repeat(30_000) });
    await expect(oversize).rejects.toMatchObject({ responseCode: 552 });
    const chats = await api<Array<{ visitor: { email?: string } }>>(server.url, "/api/conversations", { token: sem.token });
    expect(chats.body.filter((c) => c.visitor.email === "big@example.com")).toEqual([]);
    sem.socket.close();
  });
});

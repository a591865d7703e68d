// A customer who answers our mail keeps the conversation by mail: the operator's reply in the inbox
// is mailed back in the customer's thread (In-Reply-To/References, the chat's reply address), the
// message is marked as sent by mail, and the customer's next reply lands in the same chat. A chat
// whose visitor is in the widget stays a chat.
import { afterAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import type { Conversation, Message } from "@live-chat/protocol";
import type { ParsedMail } from "mailparser";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually, nextEvent } from "../support/clients.js";
import { member, startChat } from "./routing-support.js";
import { headerOf, replyToOf, startSmtpSink, toOf } from "./mail-support.js";
import { pdf, upload } from "./files-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
const server = useTestServer({ SMTP_URL: sink.url, MAIL_FROM: "Support <support@shop.example>", MAIL_POLL_MS: "50", INBOUND_SMTP_PORT: "0" });

const inbound = () => nodemailer.createTransport({ host: "127.0.0.1", port: server.services.mail.inboundPort!, secure: false, ignoreTLS: true });

function mailTo(address: string, kind: string, count = 1): Promise<ParsedMail> {
  return eventually(() => {
    const found = sink.received.filter((m) => toOf(m) === address && headerOf(m, "x-live-chat-mail") === kind);
    expect(found).toHaveLength(count);
    return found[count - 1]!;
  });
}

describe("an operator's reply in a chat that came by mail", () => {
  it("is mailed back in the customer's thread from the same reply address, and the next reply stays in the chat", async () => {
    const { socket: visitor } = await connectVisitor(server.url, { locale: "nl" });
    const offline = await emitAck(visitor, "offline:message", { name: "Daan", email: "daan@example.nl", body: "Kan ik mijn order wijzigen?" });
    visitor.close();
    const noor = await member(server, "Noor", 3, "away");
    await api(server.url, `/api/offline-messages/${offline.id}/reply`, { token: noor.token, body: { body: "Ja, tot vanavond." } });
    const answer = await mailTo("daan@example.nl", "offline_answer");

    const assigned = nextEvent<Conversation>(noor.socket, "conversation:assigned");
    await inbound().sendMail({ from: "daan@example.nl", to: replyToOf(answer), subject: `Re: ${answer.subject}`, inReplyTo: answer.messageId, references: [answer.messageId!], messageId: "<first-reply@example.nl>", text: "Graag maat 42 in plaats van 41." });
    await emitAck(noor.socket, "presence:set", { status: "online" });
    const chat = await assigned;

    const sent = await emitAck(noor.socket, "message:send", { conversationId: chat.id, clientId: "n-1", body: "Dat is aangepast naar maat 42." });
    expect(sent.message).toMatchObject({ body: "Dat is aangepast naar maat 42.", channel: "mail" });
    const reply = await mailTo("daan@example.nl", "chat_reply");
    expect(reply.subject).toBe("Re: Ons antwoord op uw bericht");
    expect(reply.inReplyTo).toBe("<first-reply@example.nl>");
    expect(reply.references).toEqual([answer.messageId, "<first-reply@example.nl>"]);
    expect(replyToOf(reply)).toMatch(new RegExp(`^reply\\+c-${chat.id}-[0-9a-f]{20}@shop\\.example$`));
    expect(reply.text).toContain("Beste Daan,");
    expect(reply.text).toContain("Dat is aangepast naar maat 42.");
    expect(reply.text).toContain("> Graag maat 42 in plaats van 41.");

    // The server stored a reply and went down before it mailed or acknowledged it: the inbox's retry
    // (same clientId) finds the message stored and sends the mail it still owes, once.
    await server.services.conversations.appendMessage({ conversationId: chat.id, author: { type: "operator", id: noor.id, name: "Noor" }, kind: "text", body: "Ook de kleur is aangepast.", clientId: "n-crash", guard: { operatorId: noor.id } });
    const retried = await emitAck(noor.socket, "message:send", { conversationId: chat.id, clientId: "n-crash", body: "Ook de kleur is aangepast." });
    expect(retried.message).toMatchObject({ body: "Ook de kleur is aangepast.", channel: "mail" });
    expect((await mailTo("daan@example.nl", "chat_reply", 2)).text).toContain("Ook de kleur is aangepast.");
    expect((await emitAck(noor.socket, "message:send", { conversationId: chat.id, clientId: "n-crash", body: "Ook de kleur is aangepast." })).message.channel).toBe("mail");

    const second = nextEvent<Message>(noor.socket, "message", (m) => m.channel === "mail" && m.author.type === "visitor");
    await inbound().sendMail({ from: "daan@example.nl", to: replyToOf(reply), subject: `Re: ${reply.subject}`, inReplyTo: reply.messageId, references: reply.references as string[], messageId: "<second-reply@example.nl>", text: "Dank u wel!" });
    expect((await second).conversationId).toBe(chat.id);
    const file = await upload(server.url, { operatorToken: noor.token }, { bytes: pdf("bon"), name: "bon-42.pdf", key: "bon-1" });
    await emitAck(noor.socket, "message:send", { conversationId: chat.id, clientId: "n-2", body: "Graag gedaan, hierbij de bon.", attachments: [file.body.id] });
    const again = await mailTo("daan@example.nl", "chat_reply", 3);
    expect(again.inReplyTo).toBe("<second-reply@example.nl>");
    expect(again.text).toContain("Graag gedaan, hierbij de bon.\n\nBijlage: bon-42.pdf");
    expect(replyToOf(again)).toBe(replyToOf(reply));

    const stored = await api<Message[]>(server.url, `/api/conversations/${chat.id}/messages`, { token: noor.token });
    expect(stored.body.filter((m) => m.kind === "text").map((m) => [m.author.type, m.channel ?? "chat"])).toEqual([
      ["visitor", "mail"],
      ["operator", "mail"],
      ["operator", "mail"],
      ["visitor", "mail"],
      ["operator", "mail"],
    ]);
    noor.socket.close();
  });

  it("stays in the chat while the visitor is in the widget", async () => {
    const sem = await member(server, "Sem", 3, "online");
    const chatter = await startChat(server, "Fenna");
    await eventually(() => expect(sem.assigned.map((c) => c.id)).toContain(chatter.conversationId));
    const sent = await emitAck(sem.socket, "message:send", { conversationId: chatter.conversationId, clientId: "s-1", body: "Hello Fenna" });
    expect(sent.message.channel ?? "chat").toBe("chat");
    expect(await server.ctx.db.mailOutbox.count({ where: { kind: "chat_reply", conversationId: chatter.conversationId } })).toBe(0);
    chatter.socket.close();
    sem.socket.close();
  });
});

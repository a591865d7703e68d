// Replies that come back: a customer's answer to one of our mails, by SMTP (smtp-server on
// INBOUND_SMTP_PORT) or posted by a mail provider, lands in the conversation it belongs to as a
// visitor message with channel "mail"; a closed chat or an offline message becomes a queued chat.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { LIMITS, type Locale } from "@live-chat/protocol";
import type { Context } from "../context.js";
import type { MailAnnouncer } from "./announcer.js";
import type { ConversationService } from "../conversation/service.js";
import { parseReplyAddress, type ReplyTarget } from "./reply-address.js";
import { stripQuotedHistory } from "./quotes.js";

/** A mail refused with the SMTP reply a sending server (or a provider's webhook) is given. */
export class InboundRefused extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

const FORGED = "5.7.1 This reply address is not valid: its token does not match. Reply to the address in our mail, unchanged.";
const UNKNOWN = "5.1.1 This mail does not answer any of our mails: reply to the address in our mail.";

/** The data of a conversation's `mail_received` event. */
export interface MailReceived {
  messageId: string;
  mailMessageId?: string;
  references: string[];
  subject?: string;
}

const referencesOf = (parsed: ParsedMail): string[] => (Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []);

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);

export class InboundMail {
  private server?: SMTPServer;

  constructor(
    private readonly ctx: Context,
    private readonly conversations: ConversationService,
    private readonly announce: MailAnnouncer,
  ) {}

  /** What RCPT TO is told: 550 for a reply address with a bad token; other addresses wait for the headers. */
  checkRecipient(address: string): void {
    if (parseReplyAddress(this.ctx.tokens, address).status === "forged") throw new InboundRefused(550, FORGED);
  }

  /** Stores the new text of a reply; the same mail delivered twice is stored once. */
  async receive(raw: Buffer, envelopeTo: string[] = []): Promise<{ conversationId: string; messageId: string }> {
    if (raw.length > this.ctx.config.mail.inboundMaxBytes) throw new InboundRefused(552, `5.3.4 The message is larger than the ${this.ctx.config.mail.inboundMaxBytes} bytes we accept.`);
    const parsed = await simpleParser(raw);
    const target = await this.targetOf(parsed, envelopeTo);
    const stored = parsed.attachments.filter((a) => a.contentDisposition !== "inline" && !a.related);
    if (stored.length > 0) throw new InboundRefused(554, "5.6.1 Attachments cannot be stored with a reply: send the text only.");
    const text = stripQuotedHistory(parsed.text ?? "").slice(0, LIMITS.messageBody);
    if (!text) throw new InboundRefused(554, "5.6.0 The reply holds no new text (only quoted history or no text part).");
    const { conversationId, visitorId, visitorName } = await this.conversationFor(target, parsed);
    const mailId = parsed.messageId ?? createHash("sha256").update(raw).digest("hex");
    const appended = await this.conversations.appendMessage({
      conversationId,
      author: { type: "visitor", id: visitorId, ...(visitorName ? { name: visitorName } : {}) },
      kind: "text",
      body: text,
      clientId: `mail-${createHash("sha256").update(mailId).digest("hex").slice(0, 40)}`,
      guard: { visitorId },
    });
    if (appended.created) {
      await this.ctx.db.message.update({ where: { id: appended.message.id }, data: { channel: "mail" } });
      this.announce.appended({ ...appended, message: { ...appended.message, channel: "mail" } });
      // What an answer by mail needs to stay in the customer's thread (see MailService.mailChatReply).
      const thread: MailReceived = { messageId: appended.message.id, ...(parsed.messageId ? { mailMessageId: parsed.messageId } : {}), references: referencesOf(parsed), ...(parsed.subject ? { subject: parsed.subject.slice(0, 300) } : {}) };
      await this.conversations.recordEvent(conversationId, "mail_received", { type: "visitor", id: visitorId }, thread);
    }
    return { conversationId, messageId: appended.message.id };
  }

  /** The signed reply address first; else the mail it answers, by In-Reply-To and References. */
  private async targetOf(parsed: ParsedMail, envelopeTo: string[]): Promise<ReplyTarget> {
    let forged = false;
    for (const address of [...envelopeTo, ...addressesOf(parsed.to), ...addressesOf(parsed.cc)]) {
      const found = parseReplyAddress(this.ctx.tokens, address);
      if (found.status === "ok") return found.target;
      if (found.status === "forged") forged = true;
    }
    if (forged) throw new InboundRefused(550, FORGED);
    const references = [parsed.inReplyTo, ...referencesOf(parsed)].filter((r): r is string => Boolean(r));
    if (references.length > 0) {
      const sent = await this.ctx.db.mailOutbox.findFirst({ where: { messageId: { in: references }, OR: [{ conversationId: { not: null } }, { offlineMessageId: { not: null } }] }, orderBy: { createdAt: "desc" } });
      if (sent?.conversationId) return { kind: "conversation", id: sent.conversationId };
      if (sent?.offlineMessageId) return { kind: "offline", id: sent.offlineMessageId };
    }
    throw new InboundRefused(550, UNKNOWN);
  }

  /** The open chat the reply belongs to, or a new queued chat of that visitor for the team. */
  private async conversationFor(target: ReplyTarget, parsed: ParsedMail): Promise<{ conversationId: string; visitorId: string; visitorName?: string }> {
    if (target.kind === "conversation") {
      const row = await this.ctx.db.conversation.findUnique({ where: { id: target.id }, include: { visitor: true } });
      if (!row) throw new InboundRefused(550, UNKNOWN);
      if (row.status !== "closed") return { conversationId: row.id, visitorId: row.visitorId, visitorName: row.visitor.name ?? undefined };
      return this.queuedChatOf(row.visitorId, row.locale as Locale, row.visitor.name ?? undefined);
    }
    const offline = await this.ctx.db.offlineMessage.findUnique({ where: { id: target.id } });
    if (!offline) throw new InboundRefused(550, UNKNOWN);
    let visitorId = offline.visitorId;
    if (!visitorId) {
      const sender = parsed.from?.value[0]?.address;
      const visitor = await this.ctx.db.visitor.create({
        data: { tokenHash: this.ctx.tokens.hashVisitorToken(this.ctx.tokens.newVisitorToken()), name: offline.name, email: sender ?? offline.email, locale: offline.locale },
      });
      visitorId = visitor.id;
      await this.ctx.db.offlineMessage.update({ where: { id: offline.id }, data: { visitorId } });
    } else {
      // The team answers the chat by the name and address the visitor gave in the form.
      await this.ctx.db.visitor.updateMany({ where: { id: visitorId, verified: false, email: null }, data: { email: offline.email } });
      await this.ctx.db.visitor.updateMany({ where: { id: visitorId, verified: false, name: null }, data: { name: offline.name } });
    }
    return this.queuedChatOf(visitorId, offline.locale as Locale, offline.name);
  }

  private async queuedChatOf(visitorId: string, locale: Locale, visitorName?: string) {
    const { conversation, created } = await this.conversations.start(visitorId, locale);
    if (created) {
      // Nobody is on the other end of a socket: the chat waits for the team, not for the visitor to leave.
      await this.ctx.db.conversation.update({ where: { id: conversation.id }, data: { visitorConnected: false, visitorDisconnectedAt: null } });
      const row = await this.conversations.load(conversation.id);
      if (row) this.announce.conversation(row);
    }
    return { conversationId: conversation.id, visitorId, visitorName };
  }

  /** Listens for mail forwarded by the mail server, when INBOUND_SMTP_PORT is set. */
  async listen(): Promise<number | undefined> {
    const { inboundSmtpPort, inboundSmtpHost, inboundMaxBytes, inboundTls } = this.ctx.config.mail;
    if (inboundSmtpPort === undefined) return undefined;
    // A mail server forwarding to us upgrades with STARTTLS when we offer it, which needs a certificate.
    const tls = inboundTls ? { cert: await readFile(inboundTls.certFile), key: await readFile(inboundTls.keyFile) } : undefined;
    const server = new SMTPServer({
      name: this.ctx.config.mail.replyDomain,
      banner: "live-chat inbound mail",
      authOptional: true,
      ...(tls ? { ...tls, disabledCommands: ["AUTH"] } : { disabledCommands: ["AUTH", "STARTTLS"] }),
      size: inboundMaxBytes,
      logger: false,
      // Shutdown waits this long for a sending server to finish before cutting it off.
      closeTimeout: 2000,
      onRcptTo: (address, _session, callback) => {
        try {
          this.checkRecipient(address.address);
          callback();
        } catch (err) {
          callback(err as Error);
        }
      },
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (stream.sizeExceeded) return callback(new InboundRefused(552, `5.3.4 The message is larger than the ${inboundMaxBytes} bytes we accept.`));
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.ctx.work.track(this.receive(Buffer.concat(chunks), to)).then(
            () => callback(),
            (err: unknown) => {
              if (!(err instanceof InboundRefused)) this.ctx.log.error({ err }, "inbound mail failed");
              callback(err instanceof InboundRefused ? err : new InboundRefused(451, "4.3.0 The reply could not be stored right now; try again later."));
            },
          );
        });
      },
    });
    server.on("error", (err) => this.ctx.log.warn({ err }, "inbound SMTP error"));
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(inboundSmtpPort, inboundSmtpHost, () => resolve());
    });
    this.server = server;
    const address = server.server.address();
    const port = typeof address === "object" && address ? address.port : inboundSmtpPort;
    this.ctx.log.info({ port, starttls: Boolean(tls) }, "inbound SMTP listening");
    return port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

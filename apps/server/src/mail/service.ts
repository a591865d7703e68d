// What the product mails, each queued in the same transaction as the action that causes it: an
// answer to an offline message or an e-mail follow-up, a transcript, an invitation, a password
// reset, the "a chat waits unanswered" alert and an admin's test mail.
import type { FollowUp, Locale, MailItem, Message, OfflineMessage } from "@live-chat/protocol";
import type { Context } from "../context.js";
import type { MailAnnouncer } from "./announcer.js";
import { AppError } from "../errors.js";
import type { Principal } from "../auth/service.js";
import type { InvitationService } from "../auth/invitations.js";
import { FailureLimit } from "../auth/failure-limit.js";
import { RateLimitedError } from "../auth/service.js";
import type { FollowUpService } from "../conversation/follow-ups.js";
import { toOfflineMessage } from "../routing/offline.js";
import type { User as UserRow } from "../generated/sqlite/client.js";
import { queueMail, toMailItem, type Outbox } from "./outbox.js";
import { replyAddress } from "./reply-address.js";
import { renderMail, type TranscriptLine } from "./templates.js";
import type { MailWorker } from "./worker.js";
import type { MailReceived } from "./inbound.js";

const PASSWORD_RESET_LIFETIME_MS = 60 * 60_000;
const asLocale = (value: string): Locale => (value === "nl" ? "nl" : "en");

export class MailService {
  // Each request counts, found or not, so the limits say nothing about which addresses exist.
  private readonly resetsPerAccount = new FailureLimit(5, 60 * 60);
  private readonly resetsPerAddress = new FailureLimit(20, 60 * 60);

  constructor(
    private readonly ctx: Context,
    private readonly outbox: Outbox,
    private readonly worker: MailWorker,
    private readonly invitations: InvitationService,
    private readonly followUps: FollowUpService,
    private readonly announce: MailAnnouncer,
  ) {}

  private get config() {
    return this.ctx.config.mail;
  }

  private reply(target: Parameters<typeof replyAddress>[2]): string {
    return replyAddress(this.ctx.tokens, this.config.replyDomain, target);
  }

  /** Answers an offline message by mail: marked answered (who, when) and the mail queued, in one transaction. */
  async answerOffline(id: string, by: Principal, answer: string): Promise<OfflineMessage> {
    const row = await this.ctx.db.offlineMessage.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND");
    if (row.answeredAt) throw new AppError("ALREADY_ANSWERED");
    const locale = asLocale(row.locale);
    const mail = renderMail("offline_answer", locale, { name: row.name, answer, operator: by.user.name, original: row.body, originalAt: row.createdAt });
    const now = new Date();
    const updated = await this.ctx.db.$transaction(async (tx) => {
      const taken = await tx.offlineMessage.updateMany({
        where: { id, answeredAt: null },
        data: { answeredAt: now, answeredById: by.user.id, handledAt: row.handledAt ?? now, handledById: row.handledById ?? by.user.id },
      });
      if (taken.count !== 1) throw new AppError("ALREADY_ANSWERED");
      await queueMail(tx, this.config, { kind: "offline_answer", to: row.email, locale, mail, replyTo: this.reply({ kind: "offline", id }), offlineMessageId: id });
      return tx.offlineMessage.findUniqueOrThrow({ where: { id } });
    });
    this.worker.kick();
    const message: OfflineMessage = { ...toOfflineMessage(updated), answeredAt: now.toISOString(), answeredBy: { id: by.user.id, name: by.user.name } };
    this.announce.offlineMessage(message, "updated");
    return message;
  }

  /** Answers a follow-up by mail to the chat's visitor and marks it done (kept, when on time). */
  async answerFollowUp(id: string, by: Principal, answer: string): Promise<FollowUp> {
    const row = await this.ctx.db.followUp.findUnique({ where: { id }, include: { conversation: { include: { visitor: true } } } });
    if (!row) throw new AppError("NOT_FOUND");
    if (row.doneAt) throw new AppError("ALREADY_ANSWERED");
    const visitor = row.conversation.visitor;
    if (!visitor.email) throw new AppError("NO_EMAIL_ADDRESS", "email");
    const locale = asLocale(row.conversation.locale);
    const mail = renderMail("follow_up_answer", locale, { name: visitor.name ?? undefined, answer, operator: by.user.name });
    await this.ctx.db.$transaction(async (tx) => {
      const done = await tx.followUp.updateMany({ where: { id, doneAt: null }, data: { doneAt: new Date(), doneById: by.user.id } });
      if (done.count !== 1) throw new AppError("ALREADY_ANSWERED");
      await queueMail(tx, this.config, { kind: "follow_up_answer", to: visitor.email!, locale, mail, replyTo: this.reply({ kind: "conversation", id: row.conversationId }), conversationId: row.conversationId });
    });
    this.worker.kick();
    const followUp = (await this.followUps.forConversation(row.conversationId)).find((f) => f.id === id)!;
    this.announce.followUp(followUp);
    return followUp;
  }

  /**
   * An operator's reply in a chat the customer keeps by mail (their last message came by mail and
   * they are not in the widget): mailed back in their thread (In-Reply-To/References, the chat's
   * reply address) and the message marked as sent by mail. Any other message comes back unchanged.
   */
  async mailChatReply(message: Message): Promise<Message> {
    if (message.kind !== "text" || message.author.type !== "operator") return message;
    const conversationId = message.conversationId;
    // On the hot path of every operator message: one indexed read settles it for a chat that never saw mail.
    const lastVisitor = await this.ctx.db.message.findFirst({ where: { conversationId, authorType: "visitor", kind: "text", seq: { lt: message.seq } }, orderBy: { seq: "desc" } });
    if (lastVisitor?.channel !== "mail") return message;
    const conversation = await this.ctx.db.conversation.findUnique({ where: { id: conversationId }, include: { visitor: true } });
    if (!conversation || conversation.visitorConnected || !conversation.visitor.email) return message;
    const received = await this.ctx.db.conversationEvent.findFirst({ where: { conversationId, type: "mail_received" }, orderBy: { createdAt: "desc" } });
    const thread = received?.data ? (JSON.parse(received.data) as MailReceived) : undefined;
    const locale = asLocale(conversation.locale);
    const mail = renderMail("chat_reply", locale, {
      name: conversation.visitor.name ?? undefined,
      answer: message.body,
      operator: message.author.name ?? "",
      subject: thread?.subject,
      original: lastVisitor.body,
      originalAt: lastVisitor.createdAt,
      attachments: (message.attachments ?? []).map(({ name, size, type }) => ({ name, size, type })),
    });
    await this.ctx.db.$transaction(async (tx) => {
      await tx.message.update({ where: { id: message.id }, data: { channel: "mail" } });
      await queueMail(tx, this.config, {
        kind: "chat_reply",
        to: conversation.visitor.email!,
        locale,
        mail,
        replyTo: this.reply({ kind: "conversation", id: conversationId }),
        ...(thread?.mailMessageId ? { thread: { inReplyTo: thread.mailMessageId, references: [...thread.references.filter((r) => r !== thread.mailMessageId), thread.mailMessageId] } } : {}),
        conversationId,
      });
    });
    this.worker.kick();
    return { ...message, channel: "mail" };
  }

  /** Queues the transcript (never the notes) to `email` or the visitor's own address. */
  async emailTranscript(conversationId: string, email: string | undefined, onlyVisitorId?: string): Promise<MailItem> {
    const conversation = await this.ctx.db.conversation.findUnique({ where: { id: conversationId }, include: { visitor: true } });
    if (!conversation || (onlyVisitorId && conversation.visitorId !== onlyVisitorId)) throw new AppError("NOT_FOUND");
    const to = email ?? conversation.visitor.email;
    if (!to) throw new AppError("NO_EMAIL_ADDRESS", "email");
    const rows = await this.ctx.db.message.findMany({ where: { conversationId, kind: { not: "note" } }, orderBy: { seq: "asc" } });
    const files = await this.ctx.db.attachment.findMany({ where: { messageId: { in: rows.map((m) => m.id) } }, orderBy: { createdAt: "asc" }, select: { messageId: true, name: true, size: true, type: true } });
    // Files are named under their message, never linked: a signed link would stop working long before the mail is read.
    const filesOf = (id: string) => files.filter((f) => f.messageId === id).map(({ name, size, type }) => ({ name, size, type }));
    const lines: TranscriptLine[] = rows.map((m) => {
      const meta = m.kind === "system" && m.meta ? (JSON.parse(m.meta) as { systemKey?: string; params?: Record<string, string> }) : {};
      return { author: m.authorType as TranscriptLine["author"], ...(m.authorName ? { name: m.authorName } : {}), at: m.createdAt, body: m.body, ...meta, attachments: filesOf(m.id) };
    });
    const locale = asLocale(conversation.locale);
    const mail = renderMail("transcript", locale, { name: conversation.visitor.name ?? undefined, startedAt: conversation.createdAt, lines });
    const row = await this.ctx.db.$transaction(async (tx) => {
      // A visitor who typed an address and had none on file keeps it for the answer to their reply.
      if (email && !conversation.visitor.email && !conversation.visitor.verified) await tx.visitor.update({ where: { id: conversation.visitorId }, data: { email } });
      return queueMail(tx, this.config, { kind: "transcript", to, locale, mail, replyTo: this.reply({ kind: "conversation", id: conversationId }), conversationId });
    });
    this.worker.kick();
    return toMailItem(row);
  }

  async queueTest(to: string, locale: Locale): Promise<MailItem> {
    if (!this.worker.configured) throw new AppError("MAIL_NOT_CONFIGURED");
    const row = await queueMail(this.ctx.db, this.config, { kind: "test", to, locale, mail: renderMail("test", locale, {}) });
    this.worker.kick();
    return toMailItem(row);
  }

  /**
   * The invitation mail to write with a new link, when mail can be sent; without SMTP the admin
   * hands the link over as before (see README.md).
   */
  invitationMail(user: UserRow, inviter: string) {
    if (!this.worker.configured || !user.active) return undefined;
    return (link: { url: string; expiresAt: string }) => {
      this.worker.kick();
      return queueMail(this.ctx.db, this.config, {
        kind: user.passwordHash === null ? "invitation" : "password_reset",
        to: user.email,
        locale: asLocale(user.locale),
        mail:
          user.passwordHash === null
            ? renderMail("invitation", asLocale(user.locale), { name: user.name, inviter, link: link.url, expiresAt: new Date(link.expiresAt) })
            : renderMail("password_reset", asLocale(user.locale), { name: user.name, link: link.url, expiresAt: new Date(link.expiresAt) }),
      });
    };
  }

  /** A reset link by mail, if the address is an active account's; the caller learns nothing either way. */
  async requestPasswordReset(email: string, address: string, origin: string): Promise<void> {
    const account = email.trim().toLowerCase();
    const wait = Math.max(await this.resetsPerAddress.waitSeconds(address), await this.resetsPerAccount.waitSeconds(account));
    if (wait > 0) throw new RateLimitedError(wait);
    await this.resetsPerAddress.fail(address);
    await this.resetsPerAccount.fail(account);
    this.ctx.work.run("password reset mail", async () => {
      const user = await this.ctx.db.user.findUnique({ where: { email: account } });
      if (!user || !user.active) return;
      const locale = asLocale(user.locale);
      await this.invitations.create(user.id, null, origin, {
        lifetimeMs: PASSWORD_RESET_LIFETIME_MS,
        alsoWrite: (link) => queueMail(this.ctx.db, this.config, { kind: "password_reset", to: user.email, locale, mail: renderMail("password_reset", locale, { name: user.name, link: link.url, expiresAt: new Date(link.expiresAt) }) }),
      });
      this.worker.kick();
    });
  }

  async confirmPasswordReset(token: string, password: string, address: string): Promise<void> {
    try {
      await this.invitations.accept(token, password, address);
    } catch (err) {
      if (err instanceof AppError && err.code === "INVITATION_INVALID") throw new AppError("RESET_LINK_INVALID");
      throw err;
    }
  }

  async preferences(userId: string): Promise<{ unansweredAlerts: boolean }> {
    const user = await this.ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { mailWhenUnanswered: true } });
    return { unansweredAlerts: user.mailWhenUnanswered };
  }

  async setPreferences(userId: string, unansweredAlerts: boolean): Promise<{ unansweredAlerts: boolean }> {
    await this.ctx.db.user.update({ where: { id: userId }, data: { mailWhenUnanswered: unansweredAlerts } });
    return { unansweredAlerts };
  }

  /**
   * Chats queued past the wait limit while no operator is online: one mail per opted-in operator,
   * once per chat (the conditional update makes it once across the cluster too).
   */
  async alertUnanswered(): Promise<void> {
    if (!this.worker.configured) return;
    const { waitLimitSeconds } = await this.ctx.settings.get();
    const waiting = await this.ctx.db.conversation.findMany({
      where: { status: "queued", unansweredMailedAt: null, queuedAt: { lt: new Date(Date.now() - waitLimitSeconds * 1000) } },
      include: { visitor: { select: { name: true } } },
      take: 50,
    });
    if (waiting.length === 0) return;
    const online = await this.ctx.db.user.count({ where: { active: true, presence: "online", disconnectedAt: null } });
    if (online > 0) return;
    const recipients = await this.ctx.db.user.findMany({ where: { active: true, mailWhenUnanswered: true } });
    const link = `${this.config.publicUrl ?? ""}/inbox`;
    for (const chat of waiting) {
      await this.ctx.db.$transaction(async (tx) => {
        const claimed = await tx.conversation.updateMany({ where: { id: chat.id, unansweredMailedAt: null }, data: { unansweredMailedAt: new Date() } });
        if (claimed.count !== 1) return;
        for (const user of recipients) {
          const locale = asLocale(user.locale);
          const minutes = Math.max(1, Math.round((Date.now() - chat.queuedAt.getTime()) / 60_000));
          await queueMail(tx, this.config, { kind: "unanswered_alert", to: user.email, locale, mail: renderMail("unanswered_alert", locale, { visitor: chat.visitor.name ?? undefined, minutes, link }), conversationId: chat.id });
        }
      });
    }
  }
}

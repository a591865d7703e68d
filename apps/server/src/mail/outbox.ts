// The durable outbox: a mail is a row written in the transaction of what caused it, and a worker
// sends it later. Each row is leased with a conditional update, so two nodes never send the same
// one; the Message-ID is made once here, so a retry is the same mail to whoever receives it.
import { randomUUID } from "node:crypto";
import type { Locale, MailItem, MailStatus, MailStatusSummary, MailTemplateName } from "@live-chat/protocol";
import { MAIL_STATUSES } from "@live-chat/protocol";
import type { Db } from "../store/db.js";
import type { MailOutbox, Prisma } from "../generated/sqlite/client.js";
import type { MailConfig } from "./config.js";
import type { RenderedMail } from "./templates.js";
import { AppError } from "../errors.js";

/** The database, or an open transaction of it: a mail is queued with whatever caused it. */
export type Writer = Pick<Db, "mailOutbox"> | Prisma.TransactionClient;

export interface QueuedMail {
  kind: MailTemplateName;
  to: string;
  locale: Locale;
  mail: RenderedMail;
  replyTo?: string;
  /** Threading headers of an answer to a customer's mail. */
  thread?: { inReplyTo: string; references: string[] };
  conversationId?: string;
  offlineMessageId?: string;
}

export const newMessageId = (domain: string) => `<${randomUUID()}@${domain}>`;

export function queueMail(writer: Writer, config: MailConfig, mail: QueuedMail) {
  return writer.mailOutbox.create({
    data: {
      kind: mail.kind,
      to: mail.to,
      locale: mail.locale,
      subject: mail.mail.subject,
      text: mail.mail.text,
      html: mail.mail.html,
      messageId: newMessageId(config.replyDomain),
      replyTo: mail.replyTo ?? null,
      inReplyTo: mail.thread?.inReplyTo ?? null,
      references: mail.thread ? mail.thread.references.join(" ") : null,
      conversationId: mail.conversationId ?? null,
      offlineMessageId: mail.offlineMessageId ?? null,
    },
  });
}

export function toMailItem(row: MailOutbox): MailItem {
  return {
    id: row.id,
    kind: row.kind as MailTemplateName,
    to: row.to,
    subject: row.subject,
    status: row.status as MailStatus,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    ...(row.sentAt ? { sentAt: row.sentAt.toISOString() } : {}),
    ...(row.status === "queued" ? { nextAttemptAt: row.nextAttemptAt.toISOString() } : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
    ...(row.conversationId ? { conversationId: row.conversationId } : {}),
    ...(row.offlineMessageId ? { offlineMessageId: row.offlineMessageId } : {}),
  };
}

export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly config: MailConfig,
  ) {}

  async list(filter: { status?: MailStatus; limit: number }): Promise<MailItem[]> {
    const rows = await this.db.mailOutbox.findMany({ where: filter.status ? { status: filter.status } : {}, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: filter.limit });
    return rows.map(toMailItem);
  }

  async status(inbound: MailStatusSummary["inbound"]): Promise<MailStatusSummary> {
    const groups = await this.db.mailOutbox.groupBy({ by: ["status"], _count: { _all: true } });
    const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
    for (const g of groups) if ((MAIL_STATUSES as readonly string[]).includes(g.status)) counts[g.status as MailStatus] = g._count._all;
    return { configured: Boolean(this.config.smtpUrl), from: this.config.from, inbound, counts };
  }

  /** A failed mail (or one waiting out its backoff) goes out again at once, with the same Message-ID. */
  async retry(id: string): Promise<MailItem> {
    const row = await this.db.mailOutbox.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND");
    if (row.status === "sent") throw new AppError("CONFLICT", "status");
    await this.db.mailOutbox.updateMany({ where: { id, status: { not: "sent" } }, data: { status: "queued", nextAttemptAt: new Date(), attempts: 0 } });
    return toMailItem(await this.db.mailOutbox.findUniqueOrThrow({ where: { id } }));
  }

  /** Due rows, oldest first, that no live lease holds. */
  async due(now: Date, limit: number): Promise<MailOutbox[]> {
    return this.db.mailOutbox.findMany({
      where: { status: "queued", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      orderBy: { createdAt: "asc" },
      take: limit,
    });
  }

  /** Takes the row for this worker until the lease ends; false when another node took it first. */
  async lease(row: MailOutbox, now: Date): Promise<boolean> {
    const taken = await this.db.mailOutbox.updateMany({
      where: { id: row.id, status: "queued", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseUntil: new Date(now.getTime() + this.config.leaseMs), attempts: { increment: 1 } },
    });
    return taken.count === 1;
  }

  async markSent(id: string): Promise<void> {
    await this.db.mailOutbox.update({ where: { id }, data: { status: "sent", sentAt: new Date(), leaseUntil: null, lastError: null } });
  }

  /** Backs off exponentially (base, 2×, 4×, … capped at a day); after the last attempt the mail is failed. */
  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    const last = attempts >= this.config.maxAttempts;
    const delay = Math.min(86_400_000, this.config.retryBaseMs * 2 ** Math.max(0, attempts - 1));
    await this.db.mailOutbox.update({
      where: { id },
      data: { status: last ? "failed" : "queued", nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null, lastError: error.slice(0, 1000) },
    });
  }
}

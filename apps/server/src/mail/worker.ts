// Sends the outbox in the background: every poll it leases the due rows and hands them to SMTP
// (nodemailer); a failure backs off and is tried again. Started with the server, stopped at shutdown.
import nodemailer, { type Transporter } from "nodemailer";
import type { BackgroundWork } from "../background.js";
import type { Logger } from "../log.js";
import type { MailConfig } from "./config.js";
import type { Outbox } from "./outbox.js";

/** How many rows one poll sends at most, so one poll never holds leases for long. */
const BATCH = 20;
const HUMAN_KINDS = new Set(["offline_answer", "follow_up_answer", "chat_reply"]);

export class MailWorker {
  private readonly transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly config: MailConfig,
    private readonly outbox: Outbox,
    private readonly work: BackgroundWork,
    private readonly log: Logger,
    /** Other periodic mail work (the unanswered-chat alert), run on the same beat. */
    private readonly alsoEachPoll: () => Promise<void>,
  ) {
    if (config.smtpUrl) this.transport = nodemailer.createTransport(config.smtpUrl);
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  start(): void {
    this.schedule(0);
  }

  /** Something was queued: send it now rather than at the next poll. */
  kick(): void {
    if (this.stopped || !this.transport) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.work.settle();
    this.transport?.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.work.run("mail poll", () => this.poll()), ms);
  }

  private async poll(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      await this.alsoEachPoll();
      if (this.transport) await this.sendDue(this.transport);
    } finally {
      this.busy = false;
      this.schedule(this.config.pollMs);
    }
  }

  private async sendDue(transport: Transporter): Promise<void> {
    const now = new Date();
    for (const row of await this.outbox.due(now, BATCH)) {
      if (this.stopped) return;
      if (!(await this.outbox.lease(row, now))) continue;
      try {
        await transport.sendMail({
          from: this.config.from,
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: row.messageId,
          ...(row.replyTo ? { replyTo: row.replyTo } : {}),
          ...(row.inReplyTo ? { inReplyTo: row.inReplyTo } : {}),
          ...(row.references ? { references: row.references.split(" ") } : {}),
          // An operator's answer is a person's mail; the rest is written by the product (RFC 3834).
          headers: { "X-Live-Chat-Mail": row.kind, ...(HUMAN_KINDS.has(row.kind) ? {} : { "Auto-Submitted": "auto-generated" }) },
        });
        await this.outbox.markSent(row.id);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn({ mailId: row.id, attempts: row.attempts + 1, err: message }, "mail not sent; will retry");
        await this.outbox.markFailed(row.id, row.attempts + 1, message);
      }
    }
  }
}

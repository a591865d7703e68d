// The retention job: closed chats older than the admin's setting are anonymised (or deleted), with
// their files; offline messages of that age are emptied and visitors not seen since then removed.
// Every node runs the timer; the lease lets one node per interval do the work.
import { randomUUID } from "node:crypto";
import type { ErasureCounts } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { audit } from "../http/audit.js";
import { takeLease } from "./lease.js";
import { ERASED_VISITOR_ID, addCounts, zeroCounts, type PrivacyService } from "./service.js";

const DAY_MS = 86_400_000;
/** Chats one run takes on; a backlog is worked off over the next runs. */
const BATCH = 500;
export const RETENTION_LEASE = "retention";

export type RetentionRun = { ran: false; why: "off" | "leased" } | { ran: true; days: number; action: "anonymise" | "delete"; counts: ErasureCounts; visitors: number };

export class RetentionJob {
  /** Who holds the lease: this process, unique across the cluster and across restarts. */
  private readonly holder = randomUUID();

  constructor(
    private readonly ctx: Context,
    private readonly privacy: PrivacyService,
    private readonly leaseMs: number,
  ) {}

  async run(now = new Date()): Promise<RetentionRun> {
    const { retentionDays: days, retentionAction: action } = await this.ctx.settings.get();
    if (days === null) return { ran: false, why: "off" };
    if (!(await takeLease(this.ctx.db, RETENTION_LEASE, this.holder, this.leaseMs, now))) return { ran: false, why: "leased" };
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const due = await this.ctx.db.conversation.findMany({
      where: { status: "closed", erasedAt: null, closedAt: { lt: cutoff } },
      orderBy: { closedAt: "asc" },
      take: BATCH,
      select: { id: true },
    });
    if (due.length > 0 && action === "anonymise") await this.privacy.ensureErasedVisitor();
    let counts = zeroCounts();
    for (const c of due) counts = addCounts(counts, action === "delete" ? await this.privacy.deleteConversation(c.id) : await this.privacy.anonymiseConversation(c.id));
    counts.offlineMessages += await this.privacy.anonymiseOfflineMessagesBefore(cutoff);
    const visitors = await this.removeVisitorsUnseenSince(cutoff);
    if (counts.conversations + counts.offlineMessages + visitors > 0) {
      await audit(this.ctx.db, undefined, "privacy", RETENTION_LEASE, "retention", { days, action, ...counts, visitors });
      this.ctx.log.info({ days, action, ...counts, visitors }, "retention run");
    }
    return { ran: true, days, action, counts, visitors };
  }

  /** Visitors with no chat left and not seen since the cutoff: nothing of theirs is kept any more. */
  private async removeVisitorsUnseenSince(cutoff: Date): Promise<number> {
    const gone = await this.ctx.db.visitor.findMany({ where: { id: { not: ERASED_VISITOR_ID }, lastSeenAt: { lt: cutoff }, conversations: { none: {} } }, select: { id: true }, take: BATCH });
    if (gone.length === 0) return 0;
    const ids = gone.map((v) => v.id);
    const uploads = await this.ctx.db.attachment.findMany({ where: { uploaderType: "visitor", uploaderId: { in: ids }, conversationId: null } });
    await this.ctx.db.$transaction([
      this.ctx.db.attachment.deleteMany({ where: { id: { in: uploads.map((u) => u.id) } } }),
      this.ctx.db.visitor.deleteMany({ where: { id: { in: ids }, conversations: { none: {} } } }),
    ]);
    await this.ctx.files.dropUnreferenced(uploads.flatMap((u) => (u.thumbnailHash ? [u.hash, u.thumbnailHash] : [u.hash])));
    return ids.length;
  }
}

// Routing: presence, capacity, the queue (oldest first), fair assignment, claim and transfer.
// A chat is never assigned twice and a capacity never exceeded: each step is one conditional update
// in the database (the chat still "queued", the operator still below maxChats), so it holds across
// cluster nodes. Steps are not wrapped in interactive transactions: a step that finds the world
// changed gives back what the previous step took, and a crash in between can only leave a slot
// unused, never over-filled.
import { operatorAtCapacity, type Availability, type ErrorBody, type Locale, type Presence, type QueueInfo, type TransferWhenFull } from "@live-chat/protocol";
import type { BackgroundWork } from "../background.js";
import type { Db } from "../store/db.js";
import type { SettingsStore } from "../store/settings.js";
import { AppError } from "../errors.js";
import { ASSIGNED_STATUSES, type ConversationService } from "../conversation/service.js";
import { KeyedMutex } from "../conversation/locks.js";
import type { Prisma } from "../generated/sqlite/client.js";
import { isWithinBusinessHours, nextOpeningAt } from "./hours.js";
import { queueWaits, slotFreeTimes, typicalHandleSeconds } from "./estimate.js";
import { routingOrder } from "./order.js";
import type { RoutingAnnouncer } from "./announcer.js";
import { recordPresence } from "../coaching/presence.js";

/** A transfer to a colleague who is online but at their maximum: says who and at how many. */
export class OperatorAtCapacityError extends AppError {
  constructor(readonly colleague: string, readonly maxChats: number) {
    super("OPERATOR_AT_CAPACITY", "toOperatorId");
  }
  override body(locale: Locale): ErrorBody {
    return operatorAtCapacity(locale, this.colleague, this.maxChats);
  }
}

/** The queue's order everywhere: oldest first, ties broken the same way every time. */
const QUEUE_ORDER: Prisma.ConversationOrderByWithRelationInput[] = [{ queuedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }];
/** Recent handling times are read again after this long. */
const HANDLE_CACHE_MS = 30_000;
/** A new chat's estimate computed by the last queue broadcast is reused this long. */
const NEW_CHAT_ESTIMATE_MS = 5_000;
/** While chats wait, the numbers visitors and operators see are refreshed at least this often. */
const QUEUE_REFRESH_MS = 15_000;

export class RoutingService {
  private readonly mutex = new KeyedMutex();
  private drainRequested = false;
  private handleSecondsCache: { value: number; at: number } | null = null;
  private newChatEstimate: { seconds: number; at: number } | null = null;
  private lastQueueBroadcastAt = 0;
  private queueWasEmpty = true;
  /** What each waiting visitor was last told, so unchanged numbers are not sent again. */
  private readonly lastSent = new Map<string, string>();
  private lastAvailabilityKey = "";

  constructor(
    private readonly ctx: { db: Db; settings: SettingsStore; work: BackgroundWork },
    private readonly conversations: ConversationService,
    private readonly announce: RoutingAnnouncer,
    private readonly options: { localFirst?: boolean } = {},
  ) {
    conversations.onSlotFreed = () => this.requestDrain();
    conversations.onQueueChanged = () => this.requestDrain();
  }

  /** Coalesces many triggers (a burst of new chats) into one drain pass at a time. */
  requestDrain(): void {
    if (this.drainRequested) return;
    this.drainRequested = true;
    this.ctx.work.run("queue drain", () =>
      this.mutex.run("drain", async () => {
        this.drainRequested = false;
        await this.handOverQueued();
        await this.drainQueue();
        await this.broadcastQueue();
      }),
    );
  }

  /** Drains and re-announces the queue when its numbers have not been refreshed for a while. */
  refreshQueueIfStale(): void {
    if (!this.queueWasEmpty && Date.now() - this.lastQueueBroadcastAt >= QUEUE_REFRESH_MS) this.requestDrain();
  }

  private readonly onlineWhere = { active: true, presence: "online", disconnectedAt: null } as const;

  /**
   * Operators who may get a new chat now: online, connected, active, below capacity, in the order of
   * `routingOrder` (fewest open chats, then the longest idle). With `localFirst` and the chat's visitor
   * known, operators on the visitor's node come first among those with the fewest open chats, so the
   * chat's messages stay on one node instead of crossing the cluster's Redis.
   */
  private async candidates(visitorId?: string) {
    const users = await this.ctx.db.user.findMany({
      where: { ...this.onlineWhere, openChats: { lt: this.ctx.db.user.fields.maxChats } },
      select: { id: true, openChats: true, lastAssignedAt: true, presenceChangedAt: true },
    });
    const near = this.options.localFirst && visitorId !== undefined ? { visitorHere: this.announce.visitorHere(visitorId), operatorHere: (id: string) => this.announce.operatorHere(id) } : undefined;
    return routingOrder(users, near);
  }

  /** The operator the next chat would go to (online, connected, with room), if there is one. */
  async firstWithRoom(): Promise<{ id: string; name: string } | null> {
    const [first] = await this.candidates();
    if (!first) return null;
    return this.ctx.db.user.findUnique({ where: { id: first.id }, select: { id: true, name: true } });
  }

  /**
   * Runs `work` before any queue drain of this node can start, e.g. starting the chat a visitor
   * opened by answering an invitation and offering it to the inviting operator first.
   */
  beforeNextDrain<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex.run("drain", work);
  }

  /** Assigns queued chats, oldest first, while someone has a free slot. */
  async drainQueue(): Promise<number> {
    let assigned = 0;
    for (;;) {
      const next = await this.ctx.db.conversation.findFirst({ where: { status: "queued" }, orderBy: QUEUE_ORDER, select: { id: true, visitorId: true } });
      if (!next) return assigned;
      const operators = await this.candidates(next.visitorId);
      if (operators.length === 0) return assigned;
      let outcome: "assigned" | "full" | "gone" = "full";
      for (const op of operators) {
        outcome = await this.tryAssign(next.id, op.id, "routed");
        if (outcome !== "full") break;
      }
      if (outcome === "full") return assigned;
      if (outcome === "assigned") assigned++;
    }
  }

  /**
   * One attempt to give a queued chat to an operator: take a slot, then the chat; if the chat is
   * gone, the slot is given back. "full" = no free slot; "gone" = the chat is no longer queued.
   */
  async tryAssign(conversationId: string, operatorId: string, how: "routed" | "claimed"): Promise<"assigned" | "full" | "gone"> {
    const { db } = this.ctx;
    const slot = await db.user.updateMany({
      where: { id: operatorId, active: true, openChats: { lt: db.user.fields.maxChats } },
      data: { openChats: { increment: 1 } },
    });
    if (slot.count !== 1) return "full";
    const now = new Date();
    const claim = await db.conversation.updateMany({
      where: { id: conversationId, status: "queued", operatorId: null },
      data: { status: "active", operatorId, assignedAt: now },
    });
    if (claim.count !== 1) {
      await this.conversations.giveBackSlot(operatorId);
      return "gone";
    }
    await db.user.update({ where: { id: operatorId }, data: { lastAssignedAt: now } });
    this.lastSent.delete(conversationId);
    await this.conversations.recordEvent(conversationId, "assigned", { type: how === "routed" ? "system" : "operator", id: operatorId }, { how });
    const row = (await this.conversations.load(conversationId))!;
    this.announce.assigned(operatorId, row);
    this.announce.conversation(row);
    this.announce.appended(await this.conversations.systemMessage(conversationId, "operator_joined", `${row.operator?.name ?? ""} joined the chat`, { name: row.operator?.name ?? "" }));
    return "assigned";
  }

  /** An operator takes a queued chat by hand. */
  async claim(conversationId: string, operatorId: string) {
    const outcome = await this.tryAssign(conversationId, operatorId, "claimed");
    if (outcome === "full") throw new AppError("CAPACITY_REACHED");
    if (outcome === "gone") {
      const row = await this.conversations.load(conversationId);
      if (!row) throw new AppError("NOT_FOUND");
      if (row.status === "closed") throw new AppError("CONVERSATION_CLOSED");
      throw new AppError("ALREADY_ASSIGNED");
    }
    this.requestDrain();
    return (await this.conversations.load(conversationId))!;
  }

  /**
   * Hands a chat to a colleague who is signed in and not offline. A colleague at their maximum is
   * refused with the true reason, unless the operator chose to hand it over anyway (a warm hand-over
   * to a specialist: one chat over their maximum) or to queue it for them (it stays with this
   * operator and moves as soon as the colleague has a free seat). The note is an internal message
   * the colleague sees first; the visitor gets a neutral line when the chat moves.
   */
  async transfer(conversationId: string, fromOperatorId: string, toOperatorId: string, note?: string, whenFull: TransferWhenFull = "refuse"): Promise<"now" | "queued"> {
    const { db } = this.ctx;
    const row = await this.conversations.load(conversationId);
    if (!row) throw new AppError("NOT_FOUND");
    if (row.status === "closed") throw new AppError("CONVERSATION_CLOSED");
    if (row.operatorId !== fromOperatorId) throw new AppError("NOT_ASSIGNED");
    if (toOperatorId === fromOperatorId) throw new AppError("BAD_REQUEST", "toOperatorId");
    const target = await db.user.findUnique({ where: { id: toOperatorId } });
    if (!target || !target.active || target.presence === "offline" || target.disconnectedAt) throw new AppError("OPERATOR_UNAVAILABLE", "toOperatorId");
    if (await this.takeSeat(toOperatorId, whenFull === "anyway")) {
      await this.move(conversationId, fromOperatorId, target, note);
      return "now";
    }
    if (whenFull === "refuse") throw new OperatorAtCapacityError(target.name, target.maxChats);
    const queued = await db.conversation.updateMany({
      where: { id: conversationId, operatorId: fromOperatorId, status: { in: ASSIGNED_STATUSES } },
      data: { handOverToId: toOperatorId },
    });
    if (queued.count !== 1) throw new AppError("CONFLICT");
    await this.conversations.recordEvent(conversationId, "transfer_queued", { type: "operator", id: fromOperatorId }, { to: toOperatorId, note: note ?? null });
    if (note) await this.appendTransferNote(conversationId, fromOperatorId, target.name, note);
    this.announce.conversation((await this.conversations.load(conversationId))!);
    // The colleague may have freed a seat in the meantime.
    this.requestDrain();
    return "queued";
  }

  /** One seat of the colleague's: below their maximum, or (a warm hand-over) over it. */
  private async takeSeat(operatorId: string, overMaximum: boolean): Promise<boolean> {
    const { db } = this.ctx;
    const seat = await db.user.updateMany({
      where: { id: operatorId, active: true, presence: { not: "offline" }, disconnectedAt: null, ...(overMaximum ? {} : { openChats: { lt: db.user.fields.maxChats } }) },
      data: { openChats: { increment: 1 } },
    });
    return seat.count === 1;
  }

  /** Moves a chat whose new seat is already taken; gives the seat back if the chat moved meanwhile. */
  private async move(conversationId: string, fromOperatorId: string, target: { id: string; name: string }, note?: string): Promise<void> {
    const { db } = this.ctx;
    // Asked before the move, which starts a new assignment with a seat of its own.
    const fromHeldSeat = await this.conversations.holdsSeat(conversationId);
    const now = new Date();
    const moved = await db.conversation.updateMany({
      where: { id: conversationId, operatorId: fromOperatorId, status: { in: ASSIGNED_STATUSES } },
      data: { operatorId: target.id, handOverToId: null, transferCount: { increment: 1 }, assignedAt: now },
    });
    if (moved.count !== 1) {
      await this.conversations.giveBackSlot(target.id);
      throw new AppError("CONFLICT");
    }
    await db.user.update({ where: { id: target.id }, data: { lastAssignedAt: now } });
    if (fromHeldSeat) await this.conversations.giveBackSlot(fromOperatorId);
    await this.conversations.recordEvent(conversationId, "transferred", { type: "operator", id: fromOperatorId }, { to: target.id, note: note ?? null });
    if (note) await this.appendTransferNote(conversationId, fromOperatorId, target.name, note);
    const updated = (await this.conversations.load(conversationId))!;
    this.announce.assigned(target.id, updated);
    this.announce.conversation(updated);
    this.announce.appended(await this.conversations.systemMessage(conversationId, "transferred", `${target.name} takes over your chat`, { name: target.name }));
    this.requestDrain();
  }

  private async appendTransferNote(conversationId: string, fromOperatorId: string, toName: string, note: string): Promise<void> {
    const fromName = (await this.ctx.db.user.findUnique({ where: { id: fromOperatorId }, select: { name: true } }))?.name ?? "";
    this.announce.appended(await this.conversations.appendMessage({
      conversationId,
      author: { type: "operator", id: fromOperatorId, name: fromName },
      kind: "note",
      body: note,
      meta: { systemKey: "transfer_note", params: { from: fromName, to: toName } },
    }));
  }

  /** Chats queued for a colleague at capacity move to them, oldest first, while they have a free seat. */
  private async handOverQueued(): Promise<void> {
    const { db } = this.ctx;
    const waiting = await db.conversation.findMany({
      where: { handOverToId: { not: null }, status: { in: ASSIGNED_STATUSES } },
      orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
      select: { id: true, operatorId: true, handOverToId: true },
    });
    for (const chat of waiting) {
      const target = await db.user.findUnique({ where: { id: chat.handOverToId! }, select: { id: true, name: true } });
      if (!target || !chat.operatorId || !(await this.takeSeat(target.id, false))) continue;
      await this.move(chat.id, chat.operatorId, target).catch((err: unknown) => {
        // Closed or moved by someone else meanwhile: the seat went back, nothing to hand over.
        if (!(err instanceof AppError)) throw err;
      });
    }
  }

  async setPresence(userId: string, presence: Presence): Promise<void> {
    await this.ctx.db.user.update({ where: { id: userId }, data: { presence, presenceChangedAt: new Date() } });
    await recordPresence(this.ctx.db, userId, presence);
    this.announce.presence(userId, presence);
    // Online fills slots; away or offline changes the capacity behind every estimate.
    this.requestDrain();
    this.ctx.work.run("availability broadcast", () => this.broadcastAvailability());
  }

  /** Inside business hours (always, when the admin has not set any). */
  async isOpen(): Promise<boolean> {
    return isWithinBusinessHours((await this.ctx.settings.get()).businessHours, new Date());
  }

  async availability(): Promise<Availability> {
    const settings = await this.ctx.settings.get();
    const online = await this.ctx.db.user.count({ where: this.onlineWhere });
    const now = new Date();
    const open = isWithinBusinessHours(settings.businessHours, now);
    const opensAt = open ? null : nextOpeningAt(settings.businessHours, now);
    return {
      operatorsOnline: online > 0,
      open,
      ...(opensAt ? { opensAt: opensAt.toISOString() } : {}),
      estimatedWaitSeconds: await this.newChatWaitSeconds(),
    };
  }

  /** Tells every visitor whether anyone can answer now; with `onlyIfChanged`, only when that changed. */
  async broadcastAvailability(onlyIfChanged = false): Promise<void> {
    const availability = await this.availability();
    const key = availabilityKey(availability);
    if (onlyIfChanged && key === this.lastAvailabilityKey) return;
    this.lastAvailabilityKey = key;
    this.announce.availability(availability);
  }

  /** Typical handling time of recent chats (assigned until closed): the pace at which slots free up. */
  private async handleSeconds(): Promise<number> {
    if (this.handleSecondsCache && Date.now() - this.handleSecondsCache.at < HANDLE_CACHE_MS) return this.handleSecondsCache.value;
    const recent = await this.ctx.db.conversation.findMany({
      where: { status: "closed", assignedAt: { not: null }, closedAt: { not: null } },
      orderBy: { closedAt: "desc" },
      take: 50,
      select: { assignedAt: true, closedAt: true },
    });
    const value = typicalHandleSeconds(recent.map((c) => (c.closedAt!.getTime() - c.assignedAt!.getTime()) / 1000));
    this.handleSecondsCache = { value, at: Date.now() };
    return value;
  }

  /** Expected waits of the first `count` places in the queue, from the online operators' slots and recent handling times. */
  private async expectedWaits(count: number): Promise<number[]> {
    const handle = await this.handleSeconds();
    const online = await this.ctx.db.user.findMany({
      where: this.onlineWhere,
      select: { maxChats: true, conversations: { where: { status: { in: ASSIGNED_STATUSES } }, select: { status: true, assignedAt: true } } },
    });
    const now = Date.now();
    const slots = slotFreeTimes(
      online.map((u) => ({
        maxChats: u.maxChats,
        openChats: u.conversations.map((c) => ({ elapsedSeconds: c.assignedAt ? (now - c.assignedAt.getTime()) / 1000 : 0, wrappingUp: c.status === "wrapping_up" })),
      })),
      handle,
    );
    return queueWaits(slots, handle, count);
  }

  /** Expected wait of a chat started now, behind everyone already waiting. */
  private async newChatWaitSeconds(): Promise<number> {
    if (this.newChatEstimate && Date.now() - this.newChatEstimate.at < NEW_CHAT_ESTIMATE_MS) return this.newChatEstimate.seconds;
    const waiting = await this.ctx.db.conversation.count({ where: { status: "queued" } });
    const seconds = (await this.expectedWaits(waiting + 1))[waiting]!;
    this.newChatEstimate = { seconds, at: Date.now() };
    return seconds;
  }

  /** Sends every waiting visitor their position and expected wait (when changed), and operators the queue size. */
  async broadcastQueue(): Promise<void> {
    const queued = await this.ctx.db.conversation.findMany({ where: { status: "queued" }, orderBy: QUEUE_ORDER, select: { id: true, visitorId: true, queuedAt: true } });
    const waits = await this.expectedWaits(queued.length + 1);
    const stillQueued = new Set<string>();
    for (const [index, c] of queued.entries()) {
      stillQueued.add(c.id);
      const info: QueueInfo = { conversationId: c.id, position: index + 1, estimatedWaitSeconds: waits[index]! };
      const key = `${info.position}:${info.estimatedWaitSeconds}`;
      if (this.lastSent.get(c.id) === key) continue;
      this.lastSent.set(c.id, key);
      this.announce.queuePosition(c.visitorId, info);
    }
    for (const id of this.lastSent.keys()) if (!stillQueued.has(id)) this.lastSent.delete(id);
    const oldest = queued[0];
    this.announce.queueSize(queued.length, oldest ? Math.max(0, Math.round((Date.now() - oldest.queuedAt.getTime()) / 1000)) : 0);
    this.lastQueueBroadcastAt = Date.now();
    this.queueWasEmpty = queued.length === 0;
    this.newChatEstimate = { seconds: waits[queued.length]!, at: Date.now() };
    // Visitors who have not started a chat see the expected wait in their availability.
    await this.broadcastAvailability(true);
  }

  async queuePosition(conversationId: string): Promise<QueueInfo | null> {
    const row = await this.ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { status: true, queuedAt: true, createdAt: true } });
    if (!row || row.status !== "queued") return null;
    const ahead = await this.ctx.db.conversation.count({
      where: {
        status: "queued",
        OR: [
          { queuedAt: { lt: row.queuedAt } },
          { queuedAt: row.queuedAt, createdAt: { lt: row.createdAt } },
          { queuedAt: row.queuedAt, createdAt: row.createdAt, id: { lt: conversationId } },
        ],
      },
    });
    const waits = await this.expectedWaits(ahead + 1);
    return { conversationId, position: ahead + 1, estimatedWaitSeconds: waits[ahead]! };
  }

  /**
   * Operators with no inbox tab for longer than the grace period go offline; their open chats go back
   * to the front of the queue with their history, and the visitor is told.
   */
  async sweepDisconnectedOperators(graceMs: number): Promise<void> {
    const cutoff = new Date(Date.now() - graceMs);
    const gone = await this.ctx.db.user.findMany({ where: { disconnectedAt: { lt: cutoff }, OR: [{ presence: { not: "offline" } }, { openChats: { gt: 0 } }] }, select: { id: true } });
    for (const user of gone) {
      if (await this.announce.operatorConnected(user.id)) {
        await this.ctx.db.user.update({ where: { id: user.id }, data: { disconnectedAt: null } });
        continue;
      }
      await this.ctx.db.user.update({ where: { id: user.id }, data: { presence: "offline", presenceChangedAt: new Date() } });
      await recordPresence(this.ctx.db, user.id, "offline");
      await this.requeueChatsOf(user.id);
      // Nothing can reach an operator without a tab, so a count left behind by a crash is reset here.
      await this.ctx.db.user.updateMany({ where: { id: user.id, disconnectedAt: { lt: cutoff }, conversations: { none: { status: { in: ASSIGNED_STATUSES } } } }, data: { openChats: 0 } });
    }
    if (gone.length > 0) this.ctx.work.run("availability broadcast", () => this.broadcastAvailability());
  }

  async requeueChatsOf(userId: string): Promise<void> {
    const open = await this.ctx.db.conversation.findMany({ where: { operatorId: userId, status: { in: ASSIGNED_STATUSES } }, select: { id: true, createdAt: true } });
    for (const c of open) {
      const moved = await this.ctx.db.conversation.updateMany({
        where: { id: c.id, operatorId: userId, status: { in: ASSIGNED_STATUSES } },
        // Back to the front of the queue: it has waited since it was first created.
        data: { status: "queued", operatorId: null, queuedAt: c.createdAt, assignedAt: null },
      });
      if (moved.count !== 1) continue;
      if (await this.conversations.holdsSeat(c.id)) await this.conversations.giveBackSlot(userId);
      await this.conversations.recordEvent(c.id, "requeued", { type: "system" }, { from: userId });
      this.announce.appended(await this.conversations.systemMessage(c.id, "requeued", "Your chat is passed to the next available colleague"));
      this.announce.conversation((await this.conversations.load(c.id))!);
    }
    this.requestDrain();
  }
}

/** Availability as visitors would notice it: the estimate by the minute. */
function availabilityKey(a: Availability): string {
  return `${a.operatorsOnline}:${a.open}:${Math.ceil((a.estimatedWaitSeconds ?? 0) / 60)}`;
}

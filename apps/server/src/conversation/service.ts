// The conversation core: messages with gap-free seq, the method's state changes, leaving and closing.
import {
  applyMethodEvent,
  type ChecklistItem,
  type Locale,
  type Message,
  type MessageAuthor,
  type MessageMeta,
  type MethodChange,
  type MethodEvent,
  type MethodState,
  type PendingQuestion,
  type Phase,
  type Status,
} from "@live-chat/protocol";
import type { Db } from "../store/db.js";
import type { ConversationHead, MessageLog } from "../store/message-log.js";
import type { SettingsStore } from "../store/settings.js";
import { AppError } from "../errors.js";
import { KeyedMutex } from "./locks.js";
import { checklistColumns, checklistOf, conversationInclude, toMessage, type ConversationWithParties } from "./serialize.js";

export const OPEN_STATUSES: Status[] = ["queued", "active", "wrapping_up"];
/** Open and with an operator: what counts against an operator's capacity. */
export const ASSIGNED_STATUSES: Status[] = ["active", "wrapping_up"];

export interface AppendInput {
  conversationId: string;
  author: MessageAuthor;
  kind: Message["kind"];
  body: string;
  clientId?: string;
  cannedReplyId?: string;
  meta?: MessageMeta;
  /** Who may write: the conversation's own visitor, or its assigned operator; nothing is stored otherwise. */
  guard?: { visitorId?: string; operatorId?: string };
}

/** A message the log stored now (with its conversation's head, to know who sees it), or one stored before under the same clientId. */
export type Appended = { message: Message; head: ConversationHead; created: true } | { message: Message; created: false };

/** What the conversation service works with: storage only, no sockets. */
export interface ConversationStores {
  db: Db;
  messages: MessageLog;
  settings: SettingsStore;
}

/**
 * Every method returns what it changed (conversations, stored messages); the caller broadcasts it.
 */
export class ConversationService {
  private readonly mutex = new KeyedMutex();
  /** Called whenever an operator's slot frees up, so the queue can drain. */
  onSlotFreed: () => void = () => undefined;
  /** Called whenever the queue changes (a chat queued, left, assigned). */
  onQueueChanged: () => void = () => undefined;

  private readonly db: Db;
  private readonly messages: MessageLog;
  private readonly settings: SettingsStore;

  constructor(stores: ConversationStores) {
    this.db = stores.db;
    this.messages = stores.messages;
    this.settings = stores.settings;
  }

  async load(conversationId: string): Promise<ConversationWithParties | null> {
    return this.db.conversation.findUnique({ where: { id: conversationId }, include: conversationInclude });
  }

  /** The visitor's current chat: open and not ended by them (an ended chat waits only for its operator). */
  async openForVisitor(visitorId: string): Promise<ConversationWithParties | null> {
    return this.db.conversation.findFirst({
      where: { visitorId, status: { in: OPEN_STATUSES }, visitorLeft: false },
      orderBy: { createdAt: "desc" },
      include: conversationInclude,
    });
  }

  /** Starts a conversation for the visitor, or returns the one already open (a second tab, a retry). */
  async start(visitorId: string, locale: Locale, first?: { body: string; clientId?: string }): Promise<{ conversation: ConversationWithParties; created: boolean; firstMessage?: Appended }> {
    const existing = await this.openForVisitor(visitorId);
    let conversation = existing;
    if (!conversation) {
      conversation = await this.db.conversation.create({
        data: { visitorId, locale, visitorConnected: true },
        include: conversationInclude,
      });
      await this.recordEvent(conversation.id, "queued", { type: "visitor", id: visitorId });
    }
    let firstMessage: Appended | undefined;
    if (first) {
      firstMessage = await this.appendMessage({
        conversationId: conversation.id,
        author: { type: "visitor", id: visitorId, name: conversation.visitor.name ?? undefined },
        kind: "text",
        body: first.body,
        clientId: first.clientId,
      });
      conversation = (await this.load(conversation.id))!;
    }
    if (!existing) this.onQueueChanged();
    return { conversation, created: !existing, firstMessage };
  }

  /**
   * Stores a message with the next seq in one short atomic write and only then returns it.
   * The same clientId again returns the stored message instead of storing it twice.
   */
  async appendMessage(input: AppendInput): Promise<Appended> {
    const result = await this.messages.append({
      conversationId: input.conversationId,
      clientId: input.clientId ?? null,
      kind: input.kind,
      authorType: input.author.type,
      authorId: input.author.id ?? null,
      authorName: input.author.name ?? null,
      body: input.body,
      cannedReplyId: input.cannedReplyId ?? null,
      meta: input.meta ? JSON.stringify(input.meta) : null,
      guard: input.guard ?? {},
      now: new Date(),
    });
    if (result.status === "refused") throw new AppError(result.reason);
    if (result.status === "stored") return { message: toMessage(result.message), head: result.head, created: true };
    // A clientId belongs to its author: someone else's id is not a way to read their message.
    const existing = result.message;
    if (existing.authorType !== input.author.type || (existing.authorId ?? undefined) !== input.author.id) throw new AppError("CONFLICT", "clientId");
    return { message: toMessage(existing), created: false };
  }

  /** Every message after `afterSeq`, in seq order; notes only for operators. */
  async messagesAfter(conversationId: string, afterSeq: number, opts: { includeNotes: boolean; limit?: number }): Promise<Message[]> {
    const rows = await this.db.message.findMany({
      where: { conversationId, seq: { gt: afterSeq }, ...(opts.includeNotes ? {} : { kind: { not: "note" } }) },
      orderBy: { seq: "asc" },
      take: opts.limit,
    });
    return rows.map(toMessage);
  }

  /** The newest `limit` messages before `beforeSeq`, in seq order (an operator scrolling up). */
  async messagesBefore(conversationId: string, beforeSeq: number, limit: number): Promise<Message[]> {
    const rows = await this.db.message.findMany({
      where: { conversationId, seq: { lt: beforeSeq } },
      orderBy: { seq: "desc" },
      take: limit,
    });
    return rows.reverse().map(toMessage);
  }

  /** Applies one event of the conversation method and stores what changed (no changes: nothing to announce). */
  async applyMethod(conversationId: string, event: MethodEvent, actor: { type: "operator" | "visitor" | "system"; id?: string }): Promise<{ conversation: ConversationWithParties; changes: MethodChange[] }> {
    return this.mutex.run(conversationId, async () => {
      const row = await this.load(conversationId);
      if (!row) throw new AppError("NOT_FOUND");
      const before: MethodState = {
        phase: row.phase as Phase,
        phaseReached: row.phaseReached as Phase,
        status: row.status as Status,
        checklist: checklistOf(row),
        pendingQuestion: (row.pendingQuestion as PendingQuestion | null) ?? null,
      };
      const { state, changes } = applyMethodEvent(before, event);
      if (changes.length === 0 && state.pendingQuestion === before.pendingQuestion) return { conversation: row, changes };
      const now = new Date();
      const statusChange = changes.find((c): c is Extract<MethodChange, { type: "status_changed" }> => c.type === "status_changed");
      const result = await this.db.conversation.updateMany({
        where: { id: row.id, status: row.status, operatorId: row.operatorId, phase: row.phase, pendingQuestion: row.pendingQuestion, ...checklistColumns(before.checklist) },
        data: {
          phase: state.phase,
          phaseReached: state.phaseReached,
          status: state.status,
          pendingQuestion: state.pendingQuestion,
          ...checklistColumns(state.checklist),
          ...(statusChange?.to === "wrapping_up" ? { wrappingUpAt: now } : {}),
          ...(statusChange?.to === "closed" ? { closedAt: now, closeReason: "visitor_left" } : {}),
          ...(statusChange?.to === "active" ? { wrappingUpAt: null } : {}),
        },
      });
      if (result.count === 0) throw new AppError("CONFLICT");
      for (const change of changes) await this.recordEvent(row.id, change.type, actor, change);
      if (statusChange?.to === "closed" && (await this.holdsSeat(row.id))) await this.releaseSlot(row.operatorId);
      const conversation = (await this.load(row.id))!;
      if (statusChange?.to === "closed" && row.status === "queued") this.onQueueChanged();
      return { conversation, changes };
    });
  }

  /** The visitor has left (ended the chat, or stayed away past the grace period): the conversation, when that changed it. */
  async markVisitorLeft(conversationId: string, why: "ended" | "timeout"): Promise<ConversationWithParties | null> {
    const row = await this.load(conversationId);
    if (!row || row.status === "closed") return null;
    if (row.status === "queued") {
      // Nobody answered yet: the chat ends as missed.
      const result = await this.db.conversation.updateMany({
        where: { id: row.id, status: "queued" },
        data: { status: "closed", visitorLeft: true, visitorConnected: false, closedAt: new Date(), closeReason: "missed" },
      });
      if (result.count === 1) {
        await this.recordEvent(row.id, "visitor_left", { type: "visitor", id: row.visitorId }, { why });
        const conversation = (await this.load(row.id))!;
        this.onQueueChanged();
        return conversation;
      }
      return this.markVisitorLeft(conversationId, why);
    }
    await this.db.conversation.update({ where: { id: row.id }, data: { visitorConnected: false } });
    await this.recordEvent(row.id, "visitor_left", { type: "visitor", id: row.visitorId }, { why });
    const { conversation, changes } = await this.applyMethod(row.id, { type: "visitor_left" }, { type: "system" });
    const freed = await this.freeSeatOfAbandoned(conversation);
    return changes.length > 0 || freed ? conversation : null;
  }

  /**
   * A visitor gone before the closing phase leaves nobody to talk to: capacity counts only chats with
   * someone in them, so the seat is free at once (the chat stays open for a note or a follow-up).
   * The event marks it, so closing the chat later does not free the same seat twice.
   */
  private async freeSeatOfAbandoned(c: ConversationWithParties): Promise<boolean> {
    if (c.status !== "active" || c.phase === "closing" || !c.operatorId || !(await this.holdsSeat(c.id))) return false;
    await this.recordEvent(c.id, "seat_freed", { type: "system" }, { operatorId: c.operatorId });
    await this.releaseSlot(c.operatorId);
    return true;
  }

  /** False once the chat's seat was given back because its visitor had gone, until they come back or it is assigned again. */
  async holdsSeat(conversationId: string): Promise<boolean> {
    const row = await this.db.conversation.findUnique({ where: { id: conversationId }, select: { assignedAt: true } });
    if (!row?.assignedAt) return true;
    const last = await this.db.conversationEvent.findFirst({
      where: { conversationId, type: { in: ["seat_freed", "seat_retaken"] }, createdAt: { gte: row.assignedAt } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { type: true },
    });
    return last?.type !== "seat_freed";
  }

  /**
   * A visitor who stayed away past the grace period (a tab closed by mistake, a phone in a tunnel) and
   * comes back with the same token while their chat is still open takes it back: they count as present
   * again and the chat holds its operator's seat once more. One who ended the chat starts a new one.
   */
  async reclaimForVisitor(visitorId: string): Promise<ConversationWithParties | null> {
    const row = await this.db.conversation.findFirst({
      where: { visitorId, status: "active", visitorLeft: true },
      orderBy: { createdAt: "desc" },
      select: { id: true, operatorId: true },
    });
    if (!row) return null;
    const left = await this.db.conversationEvent.findFirst({ where: { conversationId: row.id, type: "visitor_left" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { data: true } });
    if (!left?.data || (JSON.parse(left.data) as { why?: string }).why !== "timeout") return null;
    return this.mutex.run(row.id, async () => {
      const back = await this.db.conversation.updateMany({
        where: { id: row.id, status: "active", visitorLeft: true, operatorId: row.operatorId },
        data: { visitorLeft: false, visitorConnected: true, visitorDisconnectedAt: null },
      });
      if (back.count === 0) return null;
      await this.recordEvent(row.id, "visitor_returned", { type: "visitor", id: visitorId });
      if (row.operatorId && !(await this.holdsSeat(row.id))) {
        // Their operator already has them; over capacity for a moment beats handing the chat to someone new.
        await this.db.user.update({ where: { id: row.operatorId }, data: { openChats: { increment: 1 } } });
        await this.recordEvent(row.id, "seat_retaken", { type: "system" }, { operatorId: row.operatorId });
      }
      return this.load(row.id);
    });
  }

  /**
   * Chats whose visitor went before the closing end by themselves once `afterSeconds` have passed since
   * their seat was freed: the operator had that long for a note or a follow-up. Returns those closed.
   */
  async closeAbandoned(afterSeconds: number): Promise<ConversationWithParties[]> {
    const cutoff = new Date(Date.now() - afterSeconds * 1000);
    const candidates = await this.db.conversation.findMany({
      where: { status: "active", visitorLeft: true, phase: { not: "closing" }, events: { some: { type: "seat_freed", createdAt: { lt: cutoff } } } },
      select: { id: true, operatorId: true, phase: true, assignedAt: true },
      take: 200,
    });
    const closed: ConversationWithParties[] = [];
    for (const c of candidates) {
      if (await this.holdsSeat(c.id)) continue;
      const freed = await this.db.conversationEvent.findFirst({ where: { conversationId: c.id, type: "seat_freed" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { createdAt: true } });
      if (!freed || freed.createdAt >= cutoff || (c.assignedAt && freed.createdAt < c.assignedAt)) continue;
      const result = await this.mutex.run(c.id, () =>
        this.db.conversation.updateMany({
          where: { id: c.id, status: "active", visitorLeft: true, operatorId: c.operatorId, phase: c.phase },
          data: { status: "closed", closedAt: new Date(), closeReason: "abandoned" },
        }),
      );
      if (result.count === 0) continue;
      await this.recordEvent(c.id, "closed", { type: "system" }, { reason: "abandoned" });
      closed.push((await this.load(c.id))!);
    }
    return closed;
  }

  /**
   * An operator ends the chat. While the visitor is still connected that is refused, unless a reason is
   * given and the visitor has been silent for the configured idle time.
   */
  async close(conversationId: string, operatorId: string, reason?: string): Promise<ConversationWithParties> {
    const row = await this.load(conversationId);
    if (!row) throw new AppError("NOT_FOUND");
    if (row.status === "closed") throw new AppError("CONVERSATION_CLOSED");
    if (row.operatorId !== operatorId) throw new AppError("NOT_ASSIGNED");
    if (row.visitorConnected) {
      const { idleCloseSeconds } = await this.settings.get();
      const lastActivity = row.lastVisitorMessageAt ?? row.assignedAt ?? row.createdAt;
      const idle = (Date.now() - lastActivity.getTime()) / 1000 >= idleCloseSeconds;
      if (!reason || !idle) throw new AppError("VISITOR_STILL_CONNECTED");
    }
    const result = await this.db.conversation.updateMany({
      // Still this operator's: a transfer in between must not close the colleague's chat or free the wrong slot.
      where: { id: row.id, status: row.status, operatorId: row.operatorId },
      data: { status: "closed", closedAt: new Date(), closeReason: reason ?? "closed_by_operator" },
    });
    if (result.count === 0) throw new AppError("CONFLICT");
    await this.recordEvent(row.id, "closed", { type: "operator", id: operatorId }, { reason: reason ?? null });
    if (await this.holdsSeat(row.id)) await this.releaseSlot(row.operatorId);
    return (await this.load(row.id))!;
  }

  /** Marks the visitor's open chats (dis)connected; returns those that changed. */
  async setVisitorConnected(visitorId: string, connected: boolean): Promise<ConversationWithParties[]> {
    const changed: ConversationWithParties[] = [];
    const open = await this.db.conversation.findMany({ where: { visitorId, status: { in: OPEN_STATUSES }, visitorLeft: false }, select: { id: true, visitorConnected: true } });
    for (const c of open) {
      if (c.visitorConnected === connected && connected) continue;
      await this.db.conversation.update({
        where: { id: c.id },
        data: { visitorConnected: connected, visitorDisconnectedAt: connected ? null : new Date() },
      });
      const conversation = await this.load(c.id);
      if (conversation) changed.push(conversation);
    }
    return changed;
  }

  /**
   * Conversations whose visitor has been gone longer than the grace period count as left; returns
   * those that changed. `stillConnected` asks the sockets: across a cluster the visitor may be on another node.
   */
  async sweepDepartedVisitors(graceMs: number, stillConnected: (visitorId: string) => Promise<boolean>): Promise<ConversationWithParties[]> {
    const cutoff = new Date(Date.now() - graceMs);
    const gone = await this.db.conversation.findMany({
      where: { status: { in: OPEN_STATUSES }, visitorConnected: false, visitorLeft: false, visitorDisconnectedAt: { lt: cutoff } },
      select: { id: true, visitorId: true },
      take: 200,
    });
    const left: ConversationWithParties[] = [];
    for (const c of gone) {
      if (await stillConnected(c.visitorId)) {
        await this.db.conversation.update({ where: { id: c.id }, data: { visitorConnected: true, visitorDisconnectedAt: null } });
        continue;
      }
      const conversation = await this.markVisitorLeft(c.id, "timeout");
      if (conversation) left.push(conversation);
    }
    return left;
  }

  /** Gives an operator's slot back without announcing it (an assignment that did not happen). */
  async giveBackSlot(operatorId: string): Promise<void> {
    await this.db.user.updateMany({ where: { id: operatorId, openChats: { gt: 0 } }, data: { openChats: { decrement: 1 } } });
  }

  /** A chat of this operator ended: the slot is free and the queue may drain. */
  async releaseSlot(operatorId: string | null): Promise<void> {
    if (!operatorId) return;
    await this.giveBackSlot(operatorId);
    this.onSlotFreed();
  }

  async recordEvent(conversationId: string, type: string, actor: { type: string; id?: string }, data?: unknown): Promise<void> {
    await this.db.conversationEvent.create({
      data: { conversationId, type, actorType: actor.type, actorId: actor.id ?? null, data: data === undefined ? null : JSON.stringify(data) },
    });
  }

  /** A system line in the transcript, rendered by each client from its key in its own language. */
  async systemMessage(conversationId: string, systemKey: string, body: string, params: Record<string, string> = {}): Promise<Appended> {
    return this.appendMessage({
      conversationId,
      author: { type: "system" },
      kind: "system",
      body,
      meta: { systemKey, params },
    });
  }
}

// Keeping promises: a follow-up promised in a chat (call back, e-mail, answer in the chat) by a set
// time stays on the team's list until someone marks it done, and is counted in the reports. The
// promise is also written into the transcript as an internal note, so a colleague who opens the
// chat later sees what was promised.
import { formatTime, laterPhase, promiseTimeZone, type FollowUp, type FollowUpChannel, type Locale, type MethodChange, type Phase } from "@live-chat/protocol";
import type { Db } from "../store/db.js";
import type { SettingsStore } from "../store/settings.js";
import { AppError } from "../errors.js";
import type { Principal } from "../auth/service.js";
import type { Appended, ConversationService } from "./service.js";
import type { ConversationWithParties } from "./serialize.js";

const include = { conversation: { select: { visitor: { select: { id: true, name: true, email: true, timeZone: true } } } } } as const;

type Row = {
  id: string;
  conversationId: string;
  operatorId: string | null;
  channel: string;
  phone: string | null;
  note: string;
  dueAt: Date;
  createdAt: Date;
  doneAt: Date | null;
  doneById: string | null;
  conversation: { visitor: { id: string; name: string | null; email: string | null; timeZone: string | null } };
};

const CHANNEL_TEXT: Record<Locale, Record<FollowUpChannel, string>> = {
  en: { callback: "call back on {phone}", email: "answer by e-mail", chat: "answer in this chat" },
  nl: { callback: "terugbellen op {phone}", email: "antwoorden per e-mail", chat: "antwoorden in deze chat" },
};
const NOTE_TEXT: Record<Locale, string> = {
  en: "Promised: {channel} by {when}. {note}",
  nl: "Toegezegd: {channel} vóór {when}. {note}",
};

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");

/** Every change returns the follow-up as it now is (and a promise its note), for the caller to broadcast. */
export class FollowUpService {
  private readonly db: Db;
  private readonly settings: SettingsStore;

  constructor(
    stores: { db: Db; settings: SettingsStore },
    private readonly conversations: ConversationService,
  ) {
    this.db = stores.db;
    this.settings = stores.settings;
  }

  async promise(
    conversationId: string,
    by: Principal,
    input: { channel: FollowUpChannel; dueAt: string; phone?: string; note: string },
    locale: Locale,
  ): Promise<{ followUp: FollowUp; note?: Appended; method?: { conversation: ConversationWithParties; changes: MethodChange[] } }> {
    const conversation = await this.db.conversation.findUnique({ where: { id: conversationId }, select: { id: true, operatorId: true, status: true, phase: true } });
    if (!conversation) throw new AppError("NOT_FOUND");
    // Whoever has the chat promises; an admin may record a promise on any chat.
    if (conversation.operatorId !== by.user.id && by.user.role !== "admin") throw new AppError("NOT_ASSIGNED");
    const row = await this.db.followUp.create({
      data: { conversationId, operatorId: by.user.id, channel: input.channel, phone: input.phone ?? null, note: input.note, dueAt: new Date(input.dueAt) },
      include,
    });
    await this.conversations.recordEvent(conversationId, "follow_up_promised", { type: "operator", id: by.user.id }, { followUpId: row.id, channel: row.channel, dueAt: row.dueAt.toISOString() });
    let note: Appended | undefined;
    if (conversation.status !== "closed") {
      const when = formatTime(row.dueAt, locale, { style: "day", timeZone: await this.zoneOf(row), readerTimeZone: null });
      const body = fill(NOTE_TEXT[locale], { channel: fill(CHANNEL_TEXT[locale][input.channel], { phone: input.phone ?? "" }), when, note: input.note });
      note = await this.conversations.appendMessage({
        conversationId,
        author: { type: "operator", id: by.user.id, name: by.user.name },
        kind: "note",
        body,
        meta: { followUpId: row.id },
      });
    }
    // A promise is the action the question called for: the method moves on to it, never back.
    const method =
      conversation.status === "active" && laterPhase(conversation.phase as Phase, "action") !== conversation.phase
        ? await this.conversations.applyMethod(conversationId, { type: "phase_set", phase: "action" }, { type: "operator", id: by.user.id })
        : undefined;
    return { followUp: await this.presentOne(row), ...(note ? { note } : {}), ...(method ? { method } : {}) };
  }

  async list(status: "open" | "done" | "all"): Promise<FollowUp[]> {
    const rows = await this.db.followUp.findMany({
      // A promise to someone since erased is kept as a figure for reports, not as work for the team.
      where: { conversation: { erasedAt: null }, ...(status === "open" ? { doneAt: null } : status === "done" ? { doneAt: { not: null } } : {}) },
      orderBy: status === "done" ? { doneAt: "desc" } : { dueAt: "asc" },
      take: 500,
      include,
    });
    return this.present(rows);
  }

  async forConversation(conversationId: string): Promise<FollowUp[]> {
    return this.present(await this.db.followUp.findMany({ where: { conversationId }, orderBy: { dueAt: "asc" }, include }));
  }

  async markDone(id: string, userId: string, done: boolean): Promise<FollowUp> {
    const existing = await this.db.followUp.findUnique({ where: { id }, select: { id: true } });
    if (!existing) throw new AppError("NOT_FOUND");
    // Marking done twice keeps the first time and the first person.
    if (done) await this.db.followUp.updateMany({ where: { id, doneAt: null }, data: { doneAt: new Date(), doneById: userId } });
    else await this.db.followUp.update({ where: { id }, data: { doneAt: null, doneById: null } });
    const row = await this.db.followUp.findUniqueOrThrow({ where: { id }, include });
    return this.presentOne(row);
  }

  /** Rows as the wire has them, with the names of who promised and who finished, in one query. */
  private async present(rows: Row[]): Promise<FollowUp[]> {
    const names = await this.namesOf(rows.flatMap((r) => [r.operatorId, r.doneById]));
    const { timeZone: team } = (await this.settings.get()).businessHours;
    return rows.map((r) => toFollowUp(r, names, promiseTimeZone(r.conversation.visitor.timeZone, team)));
  }

  /** One promise, one time: the note, the card and the drafted reply all tell it in this zone. */
  private async zoneOf(row: Row): Promise<string> {
    return promiseTimeZone(row.conversation.visitor.timeZone, (await this.settings.get()).businessHours.timeZone);
  }

  private async presentOne(row: Row): Promise<FollowUp> {
    const [followUp] = await this.present([row]);
    return followUp!;
  }

  private async namesOf(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

function toFollowUp(row: Row, names: Map<string, string>, timeZone: string): FollowUp {
  const visitor = row.conversation.visitor;
  return {
    id: row.id,
    conversationId: row.conversationId,
    visitor: { id: visitor.id, ...(visitor.name ? { name: visitor.name } : {}), ...(visitor.email ? { email: visitor.email } : {}) },
    ...(row.operatorId && names.has(row.operatorId) ? { operator: { id: row.operatorId, name: names.get(row.operatorId)! } } : {}),
    channel: row.channel as FollowUpChannel,
    ...(row.phone ? { phone: row.phone } : {}),
    note: row.note,
    dueAt: row.dueAt.toISOString(),
    timeZone,
    createdAt: row.createdAt.toISOString(),
    doneAt: row.doneAt ? row.doneAt.toISOString() : null,
    ...(row.doneById && names.has(row.doneById) ? { doneBy: { id: row.doneById, name: names.get(row.doneById)! } } : {}),
  };
}

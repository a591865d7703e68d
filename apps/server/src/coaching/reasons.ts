// Contact reasons: the admin's list (kept forever, retired instead of deleted) and the reasons an operator picks for a chat.
import type { ContactReason } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { AppError } from "../errors.js";
import type { ContactReason as ContactReasonRow } from "../generated/sqlite/client.js";
import { KeyedMutex } from "../conversation/locks.js";

/** One chat's reason changes, one at a time in this process (an operator's socket is on one node). */
const tagging = new KeyedMutex();

export function toContactReason(row: ContactReasonRow, used: number): ContactReason {
  return { id: row.id, names: { nl: row.nameNl, en: row.nameEn }, position: row.position, active: row.active, used, createdAt: row.createdAt.toISOString() };
}

export class ContactReasonService {
  constructor(private readonly ctx: Context) {}

  /** In the admin's order; retired ones only when asked for. */
  async list(opts: { includeRetired: boolean }): Promise<ContactReason[]> {
    const rows = await this.ctx.db.contactReason.findMany({
      where: opts.includeRetired ? {} : { active: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { _count: { select: { conversations: true } } },
    });
    return rows.map((row) => toContactReason(row, row._count.conversations));
  }

  async get(id: string): Promise<ContactReason> {
    const row = await this.ctx.db.contactReason.findUnique({ where: { id }, include: { _count: { select: { conversations: true } } } });
    if (!row) throw new AppError("NOT_FOUND");
    return toContactReason(row, row._count.conversations);
  }

  async create(input: { names: { nl: string; en: string }; active?: boolean; position?: number }): Promise<ContactReason> {
    const position = input.position ?? (await this.ctx.db.contactReason.count());
    const row = await this.ctx.db.contactReason.create({ data: { nameNl: input.names.nl, nameEn: input.names.en, active: input.active ?? true, position } });
    return toContactReason(row, 0);
  }

  async update(id: string, patch: { names?: { nl?: string; en?: string }; active?: boolean; position?: number }): Promise<ContactReason> {
    const result = await this.ctx.db.contactReason.updateMany({
      where: { id },
      data: {
        ...(patch.names?.nl !== undefined ? { nameNl: patch.names.nl } : {}),
        ...(patch.names?.en !== undefined ? { nameEn: patch.names.en } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
      },
    });
    if (result.count === 0) throw new AppError("NOT_FOUND");
    return this.get(id);
  }

  /** Removing a reason retires it: chats tagged with it keep it, and reports still count it. */
  async retire(id: string): Promise<ContactReason> {
    return this.update(id, { active: false });
  }

  /**
   * Replaces the chat's reasons. A retired reason may stay on a chat that already has it but
   * cannot be newly picked. Only the chat's operator or an admin may do this. Returns the reasons
   * before and after, or null when nothing changed (for the history). Two changes of one chat run one
   * after the other, in the order they came (an operator ticking two boxes quickly sends two).
   */
  setForConversation(conversationId: string, reasonIds: string[], by: { id: string; role: string }): Promise<{ before: string[]; after: string[] } | null> {
    return tagging.run(conversationId, () => this.replaceReasons(conversationId, reasonIds, by));
  }

  private async replaceReasons(conversationId: string, reasonIds: string[], by: { id: string; role: string }): Promise<{ before: string[]; after: string[] } | null> {
    const conversation = await this.ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { operatorId: true, reasons: { select: { reasonId: true } } } });
    if (!conversation) throw new AppError("NOT_FOUND");
    if (conversation.operatorId !== by.id && by.role !== "admin") throw new AppError("NOT_ASSIGNED");
    const wanted = [...new Set(reasonIds)];
    const had = new Set(conversation.reasons.map((r) => r.reasonId));
    const known = await this.ctx.db.contactReason.findMany({ where: { id: { in: wanted } }, select: { id: true, active: true } });
    const pickable = new Set(known.filter((r) => r.active || had.has(r.id)).map((r) => r.id));
    if (wanted.some((id) => !pickable.has(id))) throw new AppError("BAD_REQUEST", "reasonIds");
    if (wanted.length === had.size && wanted.every((id) => had.has(id))) return null;
    await this.ctx.db.$transaction([
      this.ctx.db.conversationReason.deleteMany({ where: { conversationId, reasonId: { notIn: wanted } } }),
      ...wanted.filter((id) => !had.has(id)).map((reasonId) => this.ctx.db.conversationReason.create({ data: { conversationId, reasonId, setById: by.id } })),
    ]);
    return { before: [...had].sort(), after: [...wanted].sort() };
  }
}

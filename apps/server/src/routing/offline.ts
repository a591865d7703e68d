// The offline path: a message left while nobody could answer, with the time its answer is due.
import type { Locale, OfflineMessage } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { rooms } from "../context.js";
import { AppError } from "../errors.js";
import { answerDueAt } from "./hours.js";
import type { OfflineMessage as OfflineRow } from "../generated/sqlite/client.js";

export function toOfflineMessage(row: OfflineRow): OfflineMessage {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    ...(row.phone ? { phone: row.phone } : {}),
    callbackRequested: row.callbackRequested,
    body: row.body,
    locale: row.locale as Locale,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    handledAt: row.handledAt ? row.handledAt.toISOString() : null,
    answeredAt: row.answeredAt ? row.answeredAt.toISOString() : null,
  };
}

export class OfflineService {
  constructor(private readonly ctx: Context) {}

  async leave(input: { name: string; email: string; body: string; phone?: string; callbackRequested?: boolean; visitorId?: string; locale: Locale }): Promise<OfflineMessage> {
    const settings = await this.ctx.settings.get();
    const now = new Date();
    const row = await this.ctx.db.offlineMessage.create({
      data: {
        name: input.name,
        email: input.email,
        phone: input.phone || null,
        callbackRequested: Boolean(input.callbackRequested && input.phone),
        body: input.body,
        locale: input.locale,
        visitorId: input.visitorId ?? null,
        createdAt: now,
        dueAt: answerDueAt(settings.businessHours, now, settings.offlineAnswerHours),
      },
    });
    const message = toOfflineMessage(row);
    this.ctx.operators.to(rooms.allOperators).emit("offline:new", message);
    return message;
  }

  async list(): Promise<OfflineMessage[]> {
    const rows = await this.ctx.db.offlineMessage.findMany({ orderBy: { createdAt: "desc" }, take: 500 });
    return rows.map(toOfflineMessage);
  }

  async markHandled(id: string, userId: string, handled: boolean): Promise<OfflineMessage> {
    const existing = await this.ctx.db.offlineMessage.findUnique({ where: { id } });
    if (!existing) throw new AppError("NOT_FOUND");
    const row = await this.ctx.db.offlineMessage.update({
      where: { id },
      data: handled ? { handledAt: existing.handledAt ?? new Date(), handledById: existing.handledById ?? userId } : { handledAt: null, handledById: null },
    });
    const message = toOfflineMessage(row);
    this.ctx.operators.to(rooms.allOperators).emit("offline:updated", message);
    return message;
  }
}

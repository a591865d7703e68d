// The offline path: a message left while nobody could answer, with the time its answer is due.
import type { Locale, OfflineMessage } from "@live-chat/protocol";
import type { Db } from "../store/db.js";
import type { SettingsStore } from "../store/settings.js";
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

/** Returns each message as it now is; the caller tells the inboxes. */
export class OfflineService {
  private readonly db: Db;
  private readonly settings: SettingsStore;

  constructor(stores: { db: Db; settings: SettingsStore }) {
    this.db = stores.db;
    this.settings = stores.settings;
  }

  async leave(input: { name: string; email: string; body: string; phone?: string; callbackRequested?: boolean; visitorId?: string; locale: Locale }): Promise<OfflineMessage> {
    const settings = await this.settings.get();
    const now = new Date();
    const row = await this.db.offlineMessage.create({
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
    return toOfflineMessage(row);
  }

  async list(): Promise<OfflineMessage[]> {
    const rows = await this.db.offlineMessage.findMany({ where: { erasedAt: null }, orderBy: { createdAt: "desc" }, take: 500 });
    return rows.map(toOfflineMessage);
  }

  async markHandled(id: string, userId: string, handled: boolean): Promise<OfflineMessage> {
    const existing = await this.db.offlineMessage.findUnique({ where: { id } });
    if (!existing) throw new AppError("NOT_FOUND");
    const row = await this.db.offlineMessage.update({
      where: { id },
      data: handled ? { handledAt: existing.handledAt ?? new Date(), handledById: existing.handledById ?? userId } : { handledAt: null, handledById: null },
    });
    return toOfflineMessage(row);
  }
}

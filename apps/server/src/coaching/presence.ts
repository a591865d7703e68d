// Presence history: each change closes the operator's open interval and opens the next, so the heat map knows who was online when.
import type { Presence } from "@live-chat/protocol";
import type { Db } from "../store/db.js";

export async function recordPresence(db: Db, userId: string, presence: Presence, at: Date = new Date()): Promise<void> {
  await db.$transaction([
    db.presenceInterval.updateMany({ where: { userId, endedAt: null }, data: { endedAt: at } }),
    db.presenceInterval.create({ data: { userId, presence, startedAt: at } }),
  ]);
}

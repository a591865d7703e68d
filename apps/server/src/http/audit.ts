// The admin history: who changed which canned reply, user or setting, and when.
import type { Db } from "../store/db.js";

export async function audit(db: Db, actorId: string | undefined, entity: "canned_reply" | "user" | "setting", entityId: string, action: string, data?: unknown): Promise<void> {
  await db.auditEntry.create({ data: { actorId: actorId ?? null, entity, entityId, action, data: data === undefined ? null : JSON.stringify(data) } });
}

// The admin history: who changed which canned reply, user, setting or chat's contact reasons, and when.
import type { AuditEntity } from "@live-chat/protocol";
import type { Db } from "../store/db.js";

export async function audit(db: Db, actorId: string | undefined, entity: AuditEntity, entityId: string, action: string, data?: unknown): Promise<void> {
  await db.auditEntry.create({ data: { actorId: actorId ?? null, entity, entityId, action, data: data === undefined ? null : JSON.stringify(data) } });
}

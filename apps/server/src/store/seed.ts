// A fresh database starts with the seeded canned replies (nl and en), once: an admin who deletes them keeps them deleted.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cannedReplyInputSchema } from "@live-chat/protocol";
import type { Logger } from "../log.js";
import type { Db } from "./db.js";
import { cannedReplyColumns } from "./canned-replies.js";

const SEEDED_MARKER = "seeded_canned_replies";

export async function seedCannedReplies(db: Db, rootDir: string, log: Logger): Promise<void> {
  const marker = await db.setting.findUnique({ where: { key: SEEDED_MARKER } });
  if (marker) return;
  const file = join(rootDir, "prisma/seed/canned-replies.json");
  if ((await db.cannedReply.count()) === 0 && existsSync(file)) {
    const entries = cannedReplyInputSchema.array().parse(JSON.parse(readFileSync(file, "utf8")));
    for (const [position, entry] of entries.entries()) {
      const columns = cannedReplyColumns(entry);
      await db.cannedReply.create({ data: { ...columns, title: entry.title, body: entry.body, locale: entry.locale, phases: columns.phases!, position } });
    }
    log.info({ count: entries.length }, "seeded canned replies");
  }
  await db.setting.upsert({ where: { key: SEEDED_MARKER }, create: { key: SEEDED_MARKER, value: "true" }, update: {} });
}

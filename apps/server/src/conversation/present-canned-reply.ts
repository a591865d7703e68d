// A canned-reply row as the wire has it: the inbox's list (http) and the method's choice (realtime) both send this.
import type { CannedReply, ChecklistItem, Locale, Phase } from "@live-chat/protocol";
import type { CannedReply as CannedReplyRow } from "../generated/sqlite/client.js";

export function toCannedReply(row: CannedReplyRow): CannedReply {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    ...(row.shortcut ? { shortcut: row.shortcut } : {}),
    locale: row.locale as Locale,
    phases: row.phases.split(",").filter(Boolean) as Phase[],
    ...(row.checklistItem ? { checklistItem: row.checklistItem as ChecklistItem } : {}),
  };
}

// What the mail channel tells the sockets after a change (an answer sent, a reply that came back).
// realtime/broadcast.ts implements it and app.ts hands it in, so mail names no room.
import type { FollowUp, OfflineMessage } from "@live-chat/protocol";
import type { Appended } from "../conversation/service.js";
import type { ConversationWithParties } from "../conversation/serialize.js";

export interface MailAnnouncer {
  appended(appended: Appended): void;
  conversation(row: ConversationWithParties): unknown;
  followUp(followUp: FollowUp): void;
  offlineMessage(message: OfflineMessage, how: "new" | "updated"): void;
}

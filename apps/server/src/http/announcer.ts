// What the http routes tell the sockets after a change. realtime/broadcast.ts implements it and app.ts
// hands it in, so http and realtime never import each other.
import type { FollowUp, OfflineMessage } from "@live-chat/protocol";
import type { Appended } from "../conversation/service.js";
import type { ConversationWithParties } from "../conversation/serialize.js";
import type { MethodChange } from "@live-chat/protocol";

export interface HttpAnnouncer {
  appended(appended: Appended): void;
  followUp(followUp: FollowUp): void;
  method(result: { conversation: ConversationWithParties; changes: MethodChange[] }): void;
  offlineMessage(message: OfflineMessage, how: "new" | "updated"): void;
  cannedRepliesChanged(): void;
  visitorErased(visitorId: string): void;
}

// What the http routes tell the sockets after a change. realtime/broadcast.ts implements it and app.ts
// hands it in, so http and realtime never import each other.
import type { FollowUp, OfflineMessage } from "@live-chat/protocol";
import type { Appended } from "../conversation/service.js";

export interface HttpAnnouncer {
  appended(appended: Appended): void;
  followUp(followUp: FollowUp): void;
  offlineMessage(message: OfflineMessage, how: "new" | "updated"): void;
  cannedRepliesChanged(): void;
  visitorErased(visitorId: string): void;
}

// What routing tells the sockets while it drains the queue in the background, and what it asks
// them (is an operator still connected; who has a socket on this node). The transport implements it (realtime/broadcast.ts), so
// routing names no room and imports nothing from realtime.
import type { Availability, Presence, QueueInfo } from "@live-chat/protocol";
import type { Appended } from "../conversation/service.js";
import type { ConversationWithParties } from "../conversation/serialize.js";

export interface RoutingAnnouncer {
  conversation(row: ConversationWithParties): unknown;
  assigned(operatorId: string, row: ConversationWithParties): void;
  appended(appended: Appended): void;
  presence(userId: string, status: Presence): void;
  availability(availability: Availability): void;
  queuePosition(visitorId: string, info: QueueInfo): void;
  queueSize(waiting: number, oldestWaitSeconds: number): void;
  operatorConnected(userId: string): Promise<boolean>;
  /** Whether the visitor has a widget connected to this node (not another node of the cluster). */
  visitorHere(visitorId: string): boolean;
  /** Whether the operator has an inbox tab connected to this node. */
  operatorHere(userId: string): boolean;
}

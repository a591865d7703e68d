// Tells the sockets concerned what a service changed. Services return what changed; the transports
// (socket handlers, http routes, background sweeps) hand it here, so no service touches a room.
import type { Availability, Conversation, FollowUp, InvitationPayload, LiveVisitorsDelta, Message, MethodChange, OfflineMessage, Presence, QueueInfo } from "@live-chat/protocol";
import { rooms, type OperatorNamespace, type VisitorNamespace } from "../context.js";
import type { Appended } from "../conversation/service.js";
import { toConversation, type ConversationWithParties } from "../conversation/serialize.js";
import type { ConversationHead } from "../store/message-log.js";

export class Broadcast {
  constructor(
    private readonly operators: OperatorNamespace,
    private readonly visitors: VisitorNamespace,
  ) {}

  /** A conversation changed: the visitor gets the visitor-safe fields, the operators all of it. */
  conversation(row: ConversationWithParties): Conversation {
    const conversation = toConversation(row);
    this.operators.to(rooms.allOperators).emit("conversation:updated", conversation);
    this.visitors.to(rooms.visitor(row.visitorId)).emit("conversation:updated", toConversation(row, { forVisitor: true }));
    return conversation;
  }

  conversations(rows: ConversationWithParties[]): void {
    for (const row of rows) this.conversation(row);
  }

  /** The method moved the conversation on: announced only when something changed. */
  method(result: { conversation: ConversationWithParties; changes: MethodChange[] }): void {
    if (result.changes.length > 0) this.conversation(result.conversation);
  }

  /** A message to whoever should see it: notes only to operators; the sender's own socket already has it from its ack. */
  message(message: Message, head: Pick<ConversationHead, "visitorId" | "operatorId">, opts: { exceptSocketId?: string; forVisitor?: Message } = {}): void {
    const toOperators = head.operatorId ? this.operators.to(rooms.operator(head.operatorId)) : this.operators.to(rooms.allOperators);
    (opts.exceptSocketId ? toOperators.except(opts.exceptSocketId) : toOperators).emit("message", message);
    if (message.kind === "note") return;
    const toVisitor = this.visitors.to(rooms.visitor(head.visitorId));
    (opts.exceptSocketId ? toVisitor.except(opts.exceptSocketId) : toVisitor).emit("message", opts.forVisitor ?? message);
  }

  /** A message the service stored: sent on only when it is new (a retried clientId was sent before). */
  appended(appended: Appended, opts: { exceptSocketId?: string } = {}): void {
    if (appended.created) this.message(appended.message, appended.head, opts);
  }

  /** A chat given to an operator (routed, claimed or transferred): their inbox opens it. */
  assigned(operatorId: string, row: ConversationWithParties): void {
    this.operators.to(rooms.operator(operatorId)).emit("conversation:assigned", toConversation(row));
  }

  followUp(followUp: FollowUp): void {
    this.operators.to(rooms.allOperators).emit("followup:updated", followUp);
  }

  offlineMessage(message: OfflineMessage, how: "new" | "updated"): void {
    this.operators.to(rooms.allOperators).emit(how === "new" ? "offline:new" : "offline:updated", message);
  }

  /** Open inboxes hold canned-reply lists: tell them to fetch again. */
  cannedRepliesChanged(): void {
    this.operators.to(rooms.allOperators).emit("cannedReplies:changed");
  }

  presence(userId: string, status: Presence): void {
    this.operators.to(rooms.operator(userId)).emit("presence:updated", { status });
  }

  availability(availability: Availability): void {
    this.visitors.emit("availability", availability);
  }

  queuePosition(visitorId: string, info: QueueInfo): void {
    this.visitors.to(rooms.visitor(visitorId)).emit("queue", info);
  }

  queueSize(waiting: number, oldestWaitSeconds: number): void {
    this.operators.to(rooms.allOperators).emit("queue:updated", { waiting, oldestWaitSeconds });
  }

  /**
   * An erased visitor's open widgets are told (so their browsers forget what they stored), then cut off on
   * every node: their token leads nowhere any more. One Redis stream carries both, so the word arrives first.
   */
  visitorErased(visitorId: string): void {
    this.visitors.to(rooms.visitor(visitorId)).emit("visitor:erased", { code: "VISITOR_ERASED" });
    this.visitors.in(rooms.visitor(visitorId)).disconnectSockets(true);
  }

  /** This node's live visitors that arrived, moved or left since the last batch. */
  liveVisitors(delta: LiveVisitorsDelta): void {
    this.operators.to(rooms.allOperators).emit("visitors:updated", delta);
  }

  /** An invitation to chat, to every tab the visitor has open. */
  invitation(visitorId: string, invitation: InvitationPayload): void {
    this.visitors.to(rooms.visitor(visitorId)).emit("invitation", invitation);
  }

  /** Whether the visitor has a widget open on any node of the cluster. */
  async visitorConnected(visitorId: string): Promise<boolean> {
    return (await this.visitors.in(rooms.visitor(visitorId)).fetchSockets()).length > 0;
  }

  /** Whether the visitor has a widget connected to this node. */
  visitorHere(visitorId: string): boolean {
    return hasSocketHere(this.visitors, rooms.visitor(visitorId));
  }

  /** Whether the operator has an inbox tab connected to this node. */
  operatorHere(userId: string): boolean {
    return hasSocketHere(this.operators, rooms.operator(userId));
  }

  /** Whether the operator has an inbox tab open on any node of the cluster. */
  async operatorConnected(userId: string): Promise<boolean> {
    return (await this.operators.in(rooms.operator(userId)).fetchSockets()).length > 0;
  }
}

/** Whether a room has a socket on this node: the local side of the adapter's rooms, no Redis round trip. */
function hasSocketHere(namespace: OperatorNamespace | VisitorNamespace, room: string): boolean {
  return (namespace.adapter.rooms.get(room)?.size ?? 0) > 0;
}

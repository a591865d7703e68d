// The typed event maps, written once. Server: Server<ClientToServer, ServerToClient>;
// clients: Socket<ServerToClient, ClientToServer>.
import type { OperatorPayloads, VisitorPayloads } from "./schemas.js";
import type { Settings } from "./settings.js";
import type { InvitationPayload, LiveVisitorsDelta } from "./live-visitors.js";
import type {
  AckCallback,
  Availability,
  Conversation,
  FollowUp,
  Message,
  MessageAuthor,
  OfflineMessage,
  Presence,
  QueueInfo,
  User,
} from "./types.js";

export interface VisitorSession {
  visitorId: string;
  visitorToken: string;
  conversation: Conversation | null;
  availability: Availability;
  /** Public widget settings (accent colour, greeting) so the widget needs no extra request. */
  widget?: WidgetSettings;
}

export type WidgetSettings = Settings["widget"] & Pick<Settings, "waitLimitSeconds">;

export interface VisitorClientToServerEvents {
  "conversation:start": (p: VisitorPayloads["conversation:start"], ack: AckCallback<{ conversation: Conversation }>) => void;
  "message:send": (p: VisitorPayloads["message:send"], ack: AckCallback<{ message: Message }>) => void;
  sync: (p: VisitorPayloads["sync"], ack: AckCallback<{ messages: Message[] }>) => void;
  typing: (p: VisitorPayloads["typing"], ack?: AckCallback) => void;
  "conversation:leave": (p: VisitorPayloads["conversation:leave"], ack: AckCallback) => void;
  "offline:message": (p: VisitorPayloads["offline:message"], ack: AckCallback<{ id: string; dueAt: string }>) => void;
  rating: (p: VisitorPayloads["rating"], ack: AckCallback) => void;
  "summary:answer": (p: VisitorPayloads["summary:answer"], ack: AckCallback<{ conversation: Conversation }>) => void;
  /** Queues the chat's transcript by mail, to `email` or the address the visitor gave. */
  "transcript:email": (p: VisitorPayloads["transcript:email"], ack: AckCallback) => void;
  /** The page the visitor is on now; the launcher sends it without waiting for an ack. */
  page: (p: VisitorPayloads["page"], ack?: AckCallback) => void;
  "invitation:dismiss": (p: VisitorPayloads["invitation:dismiss"], ack?: AckCallback) => void;
}

export interface VisitorServerToClientEvents {
  session: (s: VisitorSession) => void;
  message: (m: Message) => void;
  queue: (q: QueueInfo) => void;
  "conversation:updated": (c: Conversation) => void;
  typing: (t: { conversationId: string; typing: boolean; author: { type: "operator"; name: string } }) => void;
  availability: (a: Availability) => void;
  /** An operator invites the visitor to chat (by hand or by the automatic rule). */
  invitation: (i: InvitationPayload) => void;
  /**
   * The visitor this browser was is erased (GDPR): forget everything stored about them. Sent to a widget
   * connected at the moment of the erasure (the server disconnects it next; its reconnect is a new visitor),
   * and before `session` to a handshake that presented an erased visitor's token (that session is a new visitor).
   */
  "visitor:erased": (e: { code: "VISITOR_ERASED" }) => void;
}

export interface OperatorClientToServerEvents {
  "presence:set": (p: OperatorPayloads["presence:set"], ack: AckCallback) => void;
  "conversations:list": (p: OperatorPayloads["conversations:list"], ack: AckCallback<{ conversations: Conversation[] }>) => void;
  "conversation:claim": (p: OperatorPayloads["conversation:claim"], ack: AckCallback<{ conversation: Conversation }>) => void;
  "message:send": (p: OperatorPayloads["message:send"], ack: AckCallback<{ message: Message }>) => void;
  sync: (p: OperatorPayloads["sync"], ack: AckCallback<{ messages: Message[] }>) => void;
  typing: (p: OperatorPayloads["typing"], ack?: AckCallback) => void;
  "phase:set": (p: OperatorPayloads["phase:set"], ack: AckCallback<{ conversation: Conversation }>) => void;
  "checklist:check": (p: OperatorPayloads["checklist:check"], ack: AckCallback<{ conversation: Conversation }>) => void;
  /** Acked with `handOver: "now"` (moved) or `"queued"` (waits for the colleague's free seat, `whenFull: "queue"`). */
  "conversation:transfer": (p: OperatorPayloads["conversation:transfer"], ack: AckCallback<{ handOver: "now" | "queued" }>) => void;
  "conversation:close": (p: OperatorPayloads["conversation:close"], ack: AckCallback<{ conversation: Conversation }>) => void;
  "operators:list": (
    p: OperatorPayloads["operators:list"],
    ack: AckCallback<{ operators: Array<Pick<User, "id" | "name" | "presence"> & { openChats: number; maxChats: number }> }>,
  ) => void;
  /** Sets the chat's contact reasons (replacing them); its operator or an admin. */
  "conversation:reasons": (p: OperatorPayloads["conversation:reasons"], ack: AckCallback) => void;
  "visitor:invite": (p: OperatorPayloads["visitor:invite"], ack: AckCallback) => void;
}

export interface OperatorServerToClientEvents {
  "conversation:assigned": (c: Conversation) => void;
  "conversation:updated": (c: Conversation) => void;
  message: (m: Message) => void;
  "queue:updated": (q: { waiting: number; oldestWaitSeconds: number }) => void;
  typing: (t: { conversationId: string; typing: boolean; author: MessageAuthor & { type: "visitor" } }) => void;
  "presence:updated": (p: { status: Presence }) => void;
  "session:ended": (p: { reason: "deactivated" | "signed_out" }) => void;
  "offline:new": (m: OfflineMessage) => void;
  /** An offline message marked handled (or not) by someone on the team. */
  "offline:updated": (m: OfflineMessage) => void;
  /** A follow-up promised, or marked done or open again: for the whole team's list. */
  "followup:updated": (f: FollowUp) => void;
  /** An admin added, changed, removed or imported canned replies: lists held by inboxes are stale. */
  "cannedReplies:changed": () => void;
  /** Live visitors arrived, moved to another page or left: batched deltas. */
  "visitors:updated": (d: LiveVisitorsDelta) => void;
}

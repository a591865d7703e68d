// Every shape that crosses the wire. Nothing outside this package defines one.

export const PHASES = ["opening", "question", "response", "action", "closing"] as const;
export type Phase = (typeof PHASES)[number];

export const STATUSES = ["queued", "active", "wrapping_up", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const CHECKLIST_ITEMS = ["asked_resolved", "asked_more_questions", "said_goodbye", "visitor_left"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export type Checklist = Record<ChecklistItem, boolean>;

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const PRESENCES = ["online", "away", "offline"] as const;
export type Presence = (typeof PRESENCES)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ROLES = ["operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type MessageKind = "text" | "system" | "note";
export type AuthorType = "visitor" | "operator" | "system";

export interface MessageAuthor {
  type: AuthorType;
  id?: string;
  name?: string;
}

/** Extra facts about a message the method needs (a summary awaiting confirmation, the answer to it). */
export interface MessageMeta {
  summary?: boolean;
  summaryAnswer?: "yes" | "no";
  cannedReplyId?: string;
  /** System messages carry a key and params so each side renders them in its own language. */
  systemKey?: string;
  params?: Record<string, string>;
  /** The internal note that records a promised follow-up points at it. */
  followUpId?: string;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientId?: string;
  kind: MessageKind;
  author: MessageAuthor;
  body: string;
  createdAt: string;
  meta?: MessageMeta;
  /** Files sent with the message; its body may then be empty. */
  attachments?: Attachment[];
}

export interface ConversationVisitor {
  id: string;
  name?: string;
  email?: string;
  verified?: boolean;
  locale?: Locale;
  timeZone?: string;
  pageUrl?: string;
}

export interface Conversation {
  id: string;
  status: Status;
  phase: Phase;
  visitor: ConversationVisitor;
  operator?: { id: string; name: string };
  checklist: Checklist;
  visitorConnected: boolean;
  queuePosition?: number;
  createdAt: string;
  locale?: Locale;
  lastSeq?: number;
  assignedAt?: string;
  closedAt?: string;
  /** When the visitor's oldest unanswered message was sent; absent when nobody is waiting. */
  awaitingReplySince?: string;
  lastVisitorMessageAt?: string;
  transferCount?: number;
  lastMessage?: Pick<Message, "body" | "kind" | "createdAt" | "author">;
}

export interface CannedReply {
  id: string;
  title: string;
  body: string;
  shortcut?: string;
  locale: Locale;
  phases: Phase[];
  checklistItem?: ChecklistItem;
  /** A file sent along whenever the reply is used. */
  attachment?: Attachment;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  maxChats?: number;
  active?: boolean;
  presence?: Presence;
  locale?: Locale;
  /** False while an invited user has not chosen a password yet. */
  hasPassword?: boolean;
}

/** A one-time link with which a user chooses their password; only its creator ever sees the token. */
export interface InvitationLink {
  token: string;
  /** The inbox page that accepts it. */
  url: string;
  expiresAt: string;
}

/** What the link's page may show before the password is chosen. */
export interface InvitationInfo {
  email: string;
  name: string;
  locale: Locale;
  expiresAt: string;
  /** True for a user who already had a password: the link resets it. */
  reset: boolean;
}

export interface Availability {
  operatorsOnline: boolean;
  open: boolean;
  /** When closed by the business hours: when the team opens again (ISO), if the schedule says. */
  opensAt?: string;
  /** Expected wait for a new chat right now, when known. */
  estimatedWaitSeconds?: number;
}

export interface OfflineMessage {
  id: string;
  name: string;
  email: string;
  phone?: string;
  callbackRequested: boolean;
  body: string;
  locale: Locale;
  createdAt: string;
  dueAt: string;
  handledAt: string | null;
}

export const FOLLOW_UP_CHANNELS = ["callback", "email", "chat"] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

/** A promise made in a chat (call back, e-mail, answer in the chat) by a set time; open until done. */
export interface FollowUp {
  id: string;
  conversationId: string;
  visitor: { id: string; name?: string; email?: string };
  operator?: { id: string; name: string };
  channel: FollowUpChannel;
  phone?: string;
  note: string;
  dueAt: string;
  createdAt: string;
  doneAt: string | null;
  doneBy?: { id: string; name: string };
}

export interface QueueInfo {
  conversationId: string;
  position: number;
  estimatedWaitSeconds: number;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** The field the error concerns, for forms. */
  field?: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckCallback<T extends object = object> = (ack: Ack<T>) => void;

export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_CREDENTIALS",
  "RATE_LIMITED",
  "VISITOR_STILL_CONNECTED",
  "CONVERSATION_CLOSED",
  "NOT_ASSIGNED",
  "ALREADY_ASSIGNED",
  "CAPACITY_REACHED",
  "OPERATOR_UNAVAILABLE",
  "LAST_ADMIN",
  "UNKNOWN_PLACEHOLDER",
  "CLOSED",
  "INVITATION_INVALID",
  "INTERNAL",
  "FILE_TOO_LARGE",
  "FILE_TYPE_NOT_ALLOWED",
  "FILE_LIMIT_REACHED",
  "LINK_EXPIRED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const AUDIT_ENTITIES = ["canned_reply", "user", "setting"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** One line of the admin history: who changed what, and when. */
export interface AuditEntry {
  id: string;
  entity: AuditEntity;
  entityId: string;
  action: string;
  actor: { id: string; name: string } | null;
  /** What changed, as the server recorded it (never a password). */
  data: unknown;
  createdAt: string;
}

/** What `POST /api/canned-replies/import` did with each entry; nothing is refused silently. */
export interface CannedReplyImportResult {
  added: number;
  updated: number;
  refused: { index: number; title: string; error: ErrorBody }[];
}

/** `GET /api/reports/summary`: durations in seconds, null when there is nothing to measure. */
export interface ReportSummary {
  from: string;
  to: string;
  conversations: number;
  missed: number;
  firstResponseSeconds: { median: number | null; p90: number | null };
  waitSeconds: { median: number | null; p90: number | null };
  handleSeconds: { median: number | null };
  transfersPerConversation: number;
  closingChecklistCompleteRate: number | null;
  csat: { average: number | null; count: number };
  byPhaseReached: Record<Phase, number>;
  /**
   * Promises made in the period's chats (follow-ups by their creation time): how many were made, kept
   * (done by the promised time), kept late, and still open (of which past their time).
   */
  followUps: { promised: number; keptOnTime: number; keptLate: number; open: number; overdue: number; keptOnTimeRate: number | null };
}

/** One operator's share of a period (GET /api/reports/operators): their chats and their promises. */
export type OperatorReport = { operator: { id: string; name: string; active: boolean } } & Omit<ReportSummary, "from" | "to" | "missed" | "waitSeconds">;

/**
 * A file in a message or on a canned reply. `url` and `thumbnailUrl` are signed links that expire
 * after a few minutes: fetch the messages again (sync, GET messages) for fresh ones.
 */
export interface Attachment {
  id: string;
  /** The name the uploader gave it, for display and as the download name. */
  name: string;
  /** Bytes as stored (images after re-encoding). */
  size: number;
  /** MIME type decided by the bytes, not the name. */
  type: string;
  url: string;
  /** Only for images: a small webp preview. */
  thumbnailUrl?: string;
}

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

/** A lead (team lead) reviews chats and reads the team's reports; only an admin manages users and settings. */
export const ROLES = ["operator", "lead", "admin"] as const;
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
  /** How the message reached us: absent or "chat" in the chat, "mail" for a reply by e-mail. */
  channel?: MessageChannel;
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
  /** A colleague at capacity this chat is queued for: it moves to them as soon as they have a free seat (operators only; null = none, so an update clears it). */
  handOverToId?: string | null;
  /** The contact reasons an operator picked for this chat (operators only). */
  reasonIds?: string[];
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
  /** True while the first admin still carries the name the server gave it: the inbox asks for a real one. */
  needsName?: boolean;
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
  /** When an operator answered it by e-mail from the inbox, and who. */
  answeredAt?: string | null;
  answeredBy?: { id: string; name: string };
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
  /** The zone the promise is told in (the visitor's when known, else the team's): one time everywhere. */
  timeZone?: string;
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
  /** Values the message was made with, for a client that words it itself (OPERATOR_AT_CAPACITY: name, maxChats). */
  params?: Record<string, string | number>;
}

/** What a transfer does when the colleague is online but at their maximum: refuse (the default), hand it over anyway, or queue it for them. */
export type TransferWhenFull = "refuse" | "anyway" | "queue";

/** The `data` of a visitor handshake refused with RATE_LIMITED (too many new visitors from one address): when to try again. */
export interface HandshakeRateLimited extends ErrorBody {
  code: "RATE_LIMITED";
  retryAfterSeconds: number;
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
  "OPERATOR_AT_CAPACITY",
  "CROSS_SITE_REQUEST",
  "LAST_ADMIN",
  "UNKNOWN_PLACEHOLDER",
  "CLOSED",
  "INVITATION_INVALID",
  "PROTOCOL_VERSION",
  "INTERNAL",
  "ALREADY_ANSWERED",
  "MAIL_NOT_CONFIGURED",
  "NO_EMAIL_ADDRESS",
  "RESET_LINK_INVALID",
  "FILE_TOO_LARGE",
  "FILE_TYPE_NOT_ALLOWED",
  "FILE_LIMIT_REACHED",
  "LINK_EXPIRED",
  "CONNECTION_LOST",
  "VISITOR_NOT_ONLINE",
  "VISITOR_IN_CHAT",
  "INVITATION_DISMISSED",
  "CHAT_STILL_OPEN",
  "VISITOR_ERASED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const AUDIT_ENTITIES = ["canned_reply", "user", "setting", "conversation", "privacy"] as const;
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
  /** Each service target against this period's figure (and the previous period's, for the trend). */
  targets?: TargetResult[];
  /** Chats per contact reason; a chat with two reasons counts for both. */
  byReason?: Record<string, number>;
  /** Closed chats that were answered but given no contact reason. */
  closedWithoutReason?: number;
}

/** One operator's share of a period (GET /api/reports/operators): their chats and their promises. */
export type OperatorReport = { operator: { id: string; name: string; active: boolean } } & Omit<ReportSummary, "from" | "to" | "missed" | "waitSeconds"> & { method?: OperatorMethodFigures };

// ---- The reachability plan and method coaching (issue #12) ----

/** Why customers get in touch; retired reasons stay on the chats that have them. */
export interface ContactReason {
  id: string;
  names: Record<Locale, string>;
  position: number;
  active: boolean;
  /** How many chats carry it. */
  used: number;
  createdAt: string;
}

export const TARGET_METRICS = [
  "answered_within_seconds",
  "median_wait_seconds_max",
  "offline_answered_on_time",
  "follow_ups_kept_on_time",
  "closing_checklist_complete",
  "rating_average",
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** A service target: a share (0..1), seconds (median_wait_seconds_max) or a score (rating_average). */
export interface ServiceTarget {
  metric: TargetMetric;
  target: number;
  /** For answered_within_seconds: within how many seconds a chat counts as answered. */
  seconds?: number;
}

export interface TargetResult extends ServiceTarget {
  actual: number | null;
  /** null when there is nothing to measure yet. */
  met: boolean | null;
  /** The same figure over the period of equal length just before. */
  previous?: number | null;
}

/** `GET /api/reports/heatmap`: hour-of-week in the zone `tz`, Monday first. */
export interface Heatmap {
  tz: string;
  from: string;
  to: string;
  /** cells[weekday 0=Monday][hour 0..23] = chats started. */
  cells: number[][];
  /** The same grid: hours operators were online, summed over operators. */
  operatorHours: number[][];
  /** The cells with the most chats, busiest first (at most five, none empty). */
  busiest: { weekday: number; hour: number; chats: number; operatorHours: number }[];
}

/** One day of `GET /api/reports/daily`, in the zone asked for. */
export interface DailyFigures {
  date: string;
  chats: number;
  missed: number;
  offlineMessages: number;
}

/** A reviewer's note and score on one chat. */
export interface ReviewNote {
  id: string;
  conversationId: string;
  reviewer: { id: string; name: string };
  operatorId?: string;
  note: string;
  score: number;
  createdAt: string;
}

/** The method figures of one operator over a period (`GET /api/reports/operators`, `method`). */
export interface OperatorMethodFigures {
  reviewed: number;
  greetedRate: number | null;
  summaryConfirmedRate: number | null;
  fullClosingRate: number | null;
  secondsToGreeting: { median: number | null; p90: number | null };
  hintsPerChat: number | null;
}

export const MESSAGE_CHANNELS = ["chat", "mail"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The mails the product sends, each a template in nl and en (HTML and plain text). */
export const MAIL_TEMPLATES = ["offline_answer", "follow_up_answer", "transcript", "invitation", "password_reset", "unanswered_alert", "test", "chat_reply"] as const;
export type MailTemplateName = (typeof MAIL_TEMPLATES)[number];

/** One mail of the outbox (`GET /api/mail`, admin), newest first. */
export interface MailItem {
  id: string;
  kind: MailTemplateName;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  sentAt?: string;
  nextAttemptAt?: string;
  lastError?: string;
  conversationId?: string;
  offlineMessageId?: string;
}

/** `GET /api/mail/status` (admin): whether mail can leave, and what the outbox holds. */
export interface MailStatusSummary {
  configured: boolean;
  from: string;
  inbound: { smtpPort: number | null; webhook: boolean };
  counts: Record<MailStatus, number>;
}

/** A rendered template: what an admin previews, and what the outbox stores. */
export interface MailPreview {
  name: MailTemplateName;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
}

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

// ---- Privacy: finding, exporting and erasing a visitor (issue #13) ----

/** What the privacy log records: an export, an erasure, a retention run. */
export const PRIVACY_ACTIONS = ["exported", "erased", "retention"] as const;
export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

/** One visitor found by `GET /api/privacy/visitors?q=`. */
export interface PrivacyVisitor {
  id: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  lastSeenAt: string;
  conversations: number;
  offlineMessages: number;
  /** A chat of theirs is still queued or running: it must end before they can be erased. */
  inChat: boolean;
}

/** A file in the export, with a link a signed-in admin can download it through (15 minutes). */
export interface PrivacyExportFile {
  id: string;
  name: string;
  size: number;
  type: string;
  createdAt: string;
  conversationId: string | null;
  url: string;
}

/** `GET /api/privacy/visitors/:id/export`: everything stored about one visitor. */
export interface PrivacyExport {
  exportedAt: string;
  visitor: { id: string; name: string | null; email: string | null; locale: string; verified: boolean; timeZone: string | null; pageUrl: string | null; userAgent: string | null; createdAt: string; lastSeenAt: string };
  conversations: Array<{
    id: string;
    status: string;
    phase: string;
    locale: string;
    createdAt: string;
    closedAt: string | null;
    closeReason: string | null;
    operator: { id: string; name: string } | null;
    messages: Array<{ seq: number; kind: string; author: { type: string; name: string | null }; body: string; channel: string; createdAt: string; attachments: string[] }>;
    events: Array<{ type: string; actorType: string | null; data: unknown; createdAt: string }>;
    rating: { score: number; comment: string | null; createdAt: string } | null;
    followUps: Array<{ channel: string; phone: string | null; note: string; dueAt: string; doneAt: string | null; createdAt: string }>;
    reasons: string[];
  }>;
  offlineMessages: Array<{ id: string; name: string; email: string; phone: string | null; body: string; callbackRequested: boolean; createdAt: string; handledAt: string | null; answeredAt: string | null }>;
  mails: Array<{ id: string; kind: string; to: string; subject: string; text: string; status: string; createdAt: string; sentAt: string | null }>;
  files: PrivacyExportFile[];
  /** The conversations as a person reads them: one block per chat, a line per message. */
  transcript: string;
}

/** What an erasure or a retention run changed, as the audit log keeps it (counts only, never a name). */
export interface ErasureCounts {
  conversations: number;
  messages: number;
  files: number;
  offlineMessages: number;
  mails: number;
}

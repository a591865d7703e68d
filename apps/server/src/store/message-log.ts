// The message log's contract: what storing one message asks and answers, shared by both databases and the services.

export interface AppendRequest {
  conversationId: string;
  clientId: string | null;
  kind: "text" | "system" | "note";
  authorType: "visitor" | "operator" | "system";
  authorId: string | null;
  authorName: string | null;
  body: string;
  cannedReplyId: string | null;
  meta: string | null;
  /** Who may write: the conversation's visitor, or its assigned operator. */
  guard: { visitorId?: string; operatorId?: string };
  now: Date;
}

export interface ConversationHead {
  id: string;
  visitorId: string;
  operatorId: string | null;
  status: string;
  lastSeq: number;
  pendingQuestion: string | null;
}

export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  kind: string;
  authorType: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  cannedReplyId: string | null;
  meta: string | null;
  createdAt: Date;
  /** "mail" once the message went out by mail; read back with a stored message, never written by an append. */
  channel?: string;
}

export type AppendResult =
  | { status: "stored"; message: StoredMessage; head: ConversationHead }
  | { status: "duplicate"; message: StoredMessage }
  | { status: "refused"; reason: "NOT_FOUND" | "CONVERSATION_CLOSED" | "FORBIDDEN" | "NOT_ASSIGNED" };

export interface MessageLog {
  append(request: AppendRequest): Promise<AppendResult>;
}

// Database rows → wire shapes (protocol types). The only place that knows both.
import type { ChecklistItem, Conversation, Locale, Message, MessageMeta, Phase, Status } from "@live-chat/protocol";
import type { Conversation as ConversationRow, Message as MessageRow, User, Visitor } from "../generated/sqlite/client.js";

export const conversationInclude = {
  visitor: true,
  operator: { select: { id: true, name: true } },
  reasons: { select: { reasonId: true }, orderBy: { createdAt: "asc" } },
} as const;

export type ConversationWithParties = ConversationRow & { visitor: Visitor; operator: Pick<User, "id" | "name"> | null; reasons?: { reasonId: string }[] };

export function checklistOf(row: Pick<ConversationRow, "askedResolved" | "askedMoreQuestions" | "saidGoodbye" | "visitorLeft">): Record<ChecklistItem, boolean> {
  return {
    asked_resolved: row.askedResolved,
    asked_more_questions: row.askedMoreQuestions,
    said_goodbye: row.saidGoodbye,
    visitor_left: row.visitorLeft,
  };
}

export function checklistColumns(checklist: Record<ChecklistItem, boolean>) {
  return {
    askedResolved: checklist.asked_resolved,
    askedMoreQuestions: checklist.asked_more_questions,
    saidGoodbye: checklist.said_goodbye,
    visitorLeft: checklist.visitor_left,
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

export function toConversation(row: ConversationWithParties, extra: { queuePosition?: number; forVisitor?: boolean } = {}): Conversation {
  const conversation: Conversation = {
    id: row.id,
    status: row.status as Status,
    phase: row.phase as Phase,
    visitor: {
      id: row.visitor.id,
      name: row.visitor.name ?? undefined,
      email: row.visitor.email ?? undefined,
      verified: row.visitor.verified,
      locale: row.visitor.locale as Locale,
      timeZone: row.visitor.timeZone ?? undefined,
      pageUrl: row.visitor.pageUrl ?? undefined,
    },
    operator: row.operator ? { id: row.operator.id, name: row.operator.name } : undefined,
    checklist: checklistOf(row),
    visitorConnected: row.visitorConnected,
    queuePosition: extra.queuePosition,
    createdAt: row.createdAt.toISOString(),
    locale: row.locale as Locale,
    lastSeq: row.lastSeq,
    assignedAt: iso(row.assignedAt),
    closedAt: iso(row.closedAt),
  };
  if (extra.forVisitor) return conversation;
  return {
    ...conversation,
    awaitingReplySince: iso(row.awaitingReplySince),
    lastVisitorMessageAt: iso(row.lastVisitorMessageAt),
    transferCount: row.transferCount,
    handOverToId: row.handOverToId,
    ...(row.reasons ? { reasonIds: row.reasons.map((r) => r.reasonId) } : {}),
  };
}

export function toMessage(row: Omit<MessageRow, "channel"> & { channel?: string }): Message {
  const message: Message = {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    kind: row.kind as Message["kind"],
    author: {
      type: row.authorType as Message["author"]["type"],
      ...(row.authorId ? { id: row.authorId } : {}),
      ...(row.authorName ? { name: row.authorName } : {}),
    },
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
  if (row.clientId) message.clientId = row.clientId;
  if (row.meta) message.meta = JSON.parse(row.meta) as MessageMeta;
  if (row.channel === "mail") message.channel = "mail";
  return message;
}

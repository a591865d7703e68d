// Files in messages: which uploaded files a message may carry, linking them once it is stored, and
// presenting messages and canned replies with fresh signed links for whoever reads them.
import type { CannedReply, Message } from "@live-chat/protocol";
import type { Attachment as AttachmentRow } from "../generated/sqlite/client.js";
import { AppError } from "../errors.js";
import type { FileService, Uploader } from "./service.js";
import type { Audience } from "./links.js";

/** A message as the team sees it and as its visitor sees it (their links differ). */
export interface MessageViews {
  forOperators: Message;
  forVisitor: Message;
}

export class Attachments {
  constructor(private readonly files: FileService) {}

  private get db() {
    return this.files.deps.db;
  }

  /** Refuses (before anything is stored) ids that are not the sender's own unattached uploads, or too many. */
  async assertAttachable(ids: string[] | undefined, uploader: Uploader): Promise<void> {
    if (!ids || ids.length === 0) return;
    const { filesPerMessage } = await this.files.deps.settings.get();
    if (ids.length > filesPerMessage || new Set(ids).size !== ids.length) throw new AppError("BAD_REQUEST", "attachments");
    const usable = await this.db.attachment.count({ where: { id: { in: ids }, uploaderType: uploader.type, uploaderId: uploader.id, messageId: null } });
    // A canned reply's file is the reply's: it goes out as a copy, never moved into one message.
    const onReplies = await this.db.cannedReply.count({ where: { attachmentId: { in: ids } } });
    if (usable !== ids.length || onReplies > 0) throw new AppError("BAD_REQUEST", "attachments");
  }

  /**
   * Links the files to a stored message (and a copy of its canned reply's file). Run again for a
   * resent message (same clientId) it links what the first try did not, so a retry loses nothing.
   */
  async attachToMessage(message: Message, opts: { ids?: string[]; uploader: Uploader; cannedReplyId?: string; visitorId?: string }): Promise<MessageViews> {
    const { ids = [], uploader, cannedReplyId } = opts;
    // The hot path: a plain text message costs no query here.
    if (ids.length === 0 && !cannedReplyId) return { forOperators: message, forVisitor: message };
    if (ids.length > 0) {
      await this.db.attachment.updateMany({
        where: { id: { in: ids }, uploaderType: uploader.type, uploaderId: uploader.id, messageId: null },
        data: { messageId: message.id, conversationId: message.conversationId },
      });
    }
    const reply = cannedReplyId ? await this.db.cannedReply.findUnique({ where: { id: cannedReplyId }, select: { attachmentId: true } }) : null;
    const template = reply?.attachmentId ? await this.db.attachment.findUnique({ where: { id: reply.attachmentId } }) : null;
    if (template) {
      const idempotencyKey = `canned-reply:${message.id}`;
      await this.db.attachment.upsert({
        where: { uploaderType_uploaderId_idempotencyKey: { uploaderType: uploader.type, uploaderId: uploader.id, idempotencyKey } },
        create: { hash: template.hash, thumbnailHash: template.thumbnailHash, name: template.name, size: template.size, type: template.type, uploaderType: uploader.type, uploaderId: uploader.id, idempotencyKey, messageId: message.id, conversationId: message.conversationId },
        update: {},
      });
    }
    const rows = await this.db.attachment.findMany({ where: { messageId: message.id }, orderBy: { createdAt: "asc" } });
    if (rows.length === 0) return { forOperators: message, forVisitor: message };
    const visitorId = opts.visitorId ?? (await this.db.conversation.findUniqueOrThrow({ where: { id: message.conversationId }, select: { visitorId: true } })).visitorId;
    return {
      forOperators: this.withRows(message, rows, { kind: "operator" }),
      forVisitor: this.withRows(message, rows, { kind: "visitor", visitorId }),
    };
  }

  private withRows(message: Message, rows: AttachmentRow[], audience: Audience): Message {
    return rows.length === 0 ? message : { ...message, attachments: rows.map((row) => this.files.present(row, audience)) };
  }

  /** Messages with their files and links fresh for this reader (sync, GET messages, transcripts). */
  async presentMessages(messages: Message[], audience: Audience): Promise<Message[]> {
    if (messages.length === 0) return messages;
    const rows = await this.db.attachment.findMany({ where: { messageId: { in: messages.map((m) => m.id) } }, orderBy: { createdAt: "asc" } });
    if (rows.length === 0) return messages;
    const byMessage = new Map<string, AttachmentRow[]>();
    for (const row of rows) byMessage.set(row.messageId!, [...(byMessage.get(row.messageId!) ?? []), row]);
    return messages.map((m) => this.withRows(m, byMessage.get(m.id) ?? [], audience));
  }

  /** Canned replies (from their rows, which name each file) with the file each sends along, linked for the team. */
  async presentCannedReplies(replies: CannedReply[], replyRows: Array<{ id: string; attachmentId: string | null }>): Promise<CannedReply[]> {
    // Without any file the list costs no query, so it answers as fast as before files existed.
    const withFiles = replyRows.filter((r) => r.attachmentId !== null);
    if (withFiles.length === 0) return replies;
    const rows = await this.db.attachment.findMany({ where: { id: { in: withFiles.map((r) => r.attachmentId!) } } });
    const rowOf = new Map(withFiles.map((r) => [r.id, rows.find((row) => row.id === r.attachmentId)]));
    return replies.map((reply) => {
      const row = rowOf.get(reply.id);
      return row ? { ...reply, attachment: this.files.present(row, { kind: "operator" }) } : reply;
    });
  }
}

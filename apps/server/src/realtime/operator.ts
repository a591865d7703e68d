// The /operator namespace: the inbox of a signed-in operator or admin.
import { PROTOCOL_VERSION, operatorSchemas, type Locale, type Role } from "@live-chat/protocol";
import type { Context, OperatorNamespace } from "../context.js";
import { rooms } from "../context.js";
import { AppError } from "../errors.js";
import type { AuthService } from "../auth/service.js";
import type { ConversationService } from "../conversation/service.js";
import { conversationInclude, toConversation } from "../conversation/serialize.js";
import { toCannedReply } from "../conversation/present-canned-reply.js";
import { ContactReasonService } from "../coaching/reasons.js";
import { audit } from "../http/audit.js";
import type { RoutingService } from "../routing/service.js";
import type { MailService } from "../mail/service.js";
import type { Broadcast } from "./broadcast.js";
import { bindHandlers } from "./handlers.js";
import { checkProtocolVersion } from "./protocol-version.js";
import type { SocketRateLimits } from "./limits.js";
import type { LiveVisitorHub } from "../live/hub.js";

export function setUpOperatorNamespace(ctx: Context, ns: OperatorNamespace, broadcast: Broadcast, auth: AuthService, conversations: ConversationService, routing: RoutingService, mail: Pick<MailService, "mailChatReply">, limits: SocketRateLimits, live: LiveVisitorHub): void {
  ns.use(checkProtocolVersion(PROTOCOL_VERSION));
  ns.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = typeof token === "string" ? await auth.authenticate(token) : null;
    if (!principal) return next(new Error("UNAUTHORIZED"));
    socket.data = { userId: principal.user.id, sessionId: principal.sessionId, name: principal.user.name, role: principal.user.role as Role, locale: principal.user.locale as Locale };
    next();
  });

  ns.on("connection", (socket) => {
    const { userId } = socket.data;
    const locale = () => socket.data.locale;
    void socket.join([rooms.operator(userId), rooms.allOperators, `session:${socket.data.sessionId}`]);
    ctx.work.run("operator connect bookkeeping", async () => {
      await ctx.db.user.update({ where: { id: userId }, data: { disconnectedAt: null } });
      routing.requestDrain();
    });

    /** The conversation, if it is this operator's to work on. */
    const mine = async (conversationId: string) => {
      const row = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { visitorId: true, operatorId: true, status: true } });
      if (!row) throw new AppError("NOT_FOUND");
      if (row.operatorId !== userId) throw new AppError("NOT_ASSIGNED");
      return row;
    };

    bindHandlers(
      socket,
      operatorSchemas,
      {
        "presence:set": async ({ status }) => {
          await limits.takeOperator("presence", userId);
          await routing.setPresence(userId, status);
        },
        "conversations:list": async () => {
          const rows = await ctx.db.conversation.findMany({
            where: { OR: [{ operatorId: userId, status: { in: ["active", "wrapping_up"] } }, { status: "queued" }] },
            include: { visitor: true, operator: { select: { id: true, name: true } }, reasons: conversationInclude.reasons, messages: { orderBy: { seq: "desc" }, take: 1, where: { kind: "text" } } },
            orderBy: { createdAt: "asc" },
            take: 500,
          });
          let position = 0;
          return {
            conversations: rows.map((row) => {
              const last = row.messages[0];
              return {
                ...toConversation(row, { queuePosition: row.status === "queued" ? ++position : undefined }),
                ...(last ? { lastMessage: { body: last.body, kind: last.kind as "text", createdAt: last.createdAt.toISOString(), author: { type: last.authorType as "visitor" } } } : {}),
              };
            }),
          };
        },
        "conversation:claim": async ({ conversationId }) => {
          const row = await routing.claim(conversationId, userId);
          return { conversation: toConversation(row) };
        },
        "message:send": async ({ conversationId, clientId, body, kind = "text", cannedReplyId, summary, attachments }) => {
          const reply = cannedReplyId ? await ctx.db.cannedReply.findUnique({ where: { id: cannedReplyId } }) : null;
          if (cannedReplyId && !reply) throw new AppError("NOT_FOUND", "cannedReplyId");
          await ctx.files.attachments.assertAttachable(attachments, { type: "operator", id: userId });
          const appended = await conversations.appendMessage({
            conversationId,
            author: { type: "operator", id: userId, name: socket.data.name },
            kind,
            body,
            clientId,
            cannedReplyId,
            meta: summary && kind === "text" ? { summary: true, ...(cannedReplyId ? { cannedReplyId } : {}) } : cannedReplyId ? { cannedReplyId } : undefined,
            // Notes may be written on any chat an operator can see; replies only on one's own.
            guard: kind === "text" ? { operatorId: userId } : {},
          });
          const attached = await ctx.files.attachments.attachToMessage(appended.message, { ids: attachments, uploader: { type: "operator", id: userId }, cannedReplyId, visitorId: appended.created ? appended.head.visitorId : undefined });
          // A retry of a send stored but never acknowledged (the server went down in between): a mail it still owes goes now, once.
          if (!appended.created) return { message: attached.forOperators.channel === "mail" ? attached.forOperators : await mail.mailChatReply(attached.forOperators) };
          // A chat the customer keeps by mail gets the reply by mail too (its files named in the mail).
          const mailed = await mail.mailChatReply(attached.forOperators);
          const views = mailed.channel === "mail" ? { forOperators: mailed, forVisitor: { ...attached.forVisitor, channel: mailed.channel } } : attached;
          broadcast.message(views.forOperators, appended.head, { exceptSocketId: socket.id, forVisitor: views.forVisitor });
          if (kind === "text") {
            const result = await conversations.applyMethod(
              conversationId,
              {
                type: "operator_message",
                kind,
                ...(reply ? { cannedReply: toCannedReply(reply) } : {}),
                ...(summary ? { summary: true } : {}),
              },
              { type: "operator", id: userId },
            );
            broadcast.method(result);
          }
          return { message: views.forOperators };
        },
        sync: async ({ conversationId, afterSeq }) => {
          await limits.takeOperator("sync", userId);
          const exists = await ctx.db.conversation.count({ where: { id: conversationId } });
          if (!exists) throw new AppError("NOT_FOUND");
          return { messages: await ctx.files.attachments.presentMessages(await conversations.messagesAfter(conversationId, afterSeq, { includeNotes: true }), { kind: "operator" }) };
        },
        typing: async ({ conversationId, typing }) => {
          await limits.takeOperator("typing", userId);
          const row = await mine(conversationId);
          ctx.visitors.to(rooms.visitor(row.visitorId)).emit("typing", { conversationId, typing, author: { type: "operator", name: socket.data.name } });
        },
        "phase:set": async ({ conversationId, phase }) => {
          await mine(conversationId);
          const result = await conversations.applyMethod(conversationId, { type: "phase_set", phase }, { type: "operator", id: userId });
          broadcast.method(result);
          return { conversation: toConversation(result.conversation) };
        },
        "checklist:check": async ({ conversationId, item }) => {
          if (item === "visitor_left") throw new AppError("BAD_REQUEST", "item");
          const row = await mine(conversationId);
          if (row.status === "closed") throw new AppError("CONVERSATION_CLOSED");
          const result = await conversations.applyMethod(conversationId, { type: "checklist_check", item, by: "operator" }, { type: "operator", id: userId });
          broadcast.method(result);
          return { conversation: toConversation(result.conversation) };
        },
        "conversation:transfer": async ({ conversationId, toOperatorId, note, whenFull }) => {
          return { handOver: await routing.transfer(conversationId, userId, toOperatorId, note, whenFull) };
        },
        "conversation:close": async ({ conversationId, reason }) => {
          const row = await conversations.close(conversationId, userId, reason);
          return { conversation: broadcast.conversation(row) };
        },
        "operators:list": async () => {
          const users = await ctx.db.user.findMany({
            where: { active: true },
            select: { id: true, name: true, presence: true, openChats: true, maxChats: true, disconnectedAt: true },
            orderBy: { name: "asc" },
          });
          return {
            operators: users.map((u) => ({ id: u.id, name: u.name, presence: (u.disconnectedAt ? "offline" : u.presence) as "online", openChats: u.openChats, maxChats: u.maxChats })),
          };
        },
        "conversation:reasons": async ({ conversationId, reasonIds }) => {
          const change = await new ContactReasonService(ctx).setForConversation(conversationId, reasonIds, { id: userId, role: socket.data.role });
          if (change) await audit(ctx.db, userId, "conversation", conversationId, "reasons_changed", change);
          const row = await conversations.load(conversationId);
          if (row) broadcast.conversation(row);
        },
        "visitor:invite": async ({ visitorId, body }) => {
          await live.invite(visitorId, { operatorId: userId, name: socket.data.name }, body);
        },
      },
      locale,
      ctx.log,
      ctx.work,
    );

    socket.on("disconnect", () => {
      ctx.work.run("operator disconnect bookkeeping", async () => {
        if (!(await broadcast.operatorConnected(userId))) await ctx.db.user.update({ where: { id: userId }, data: { disconnectedAt: new Date() } });
      });
    });
  });
}

// The /visitor namespace: a website visitor's widget.
import { PROTOCOL_VERSION, errorBody, pickLocale, visitorHandshakeSchema, visitorSchemas, type HandshakeRateLimited, type Locale } from "@live-chat/protocol";
import { RateLimitedError } from "../auth/service.js";
import type { Context, VisitorNamespace, VisitorSocket, VisitorSocketData } from "../context.js";
import { rooms } from "../context.js";
import { verifyIdentity } from "../auth/tokens.js";
import { AppError } from "../errors.js";
import type { ConversationService } from "../conversation/service.js";
import { toConversation, toMessage } from "../conversation/serialize.js";
import type { RoutingService } from "../routing/service.js";
import type { OfflineService } from "../routing/offline.js";
import type { Broadcast } from "./broadcast.js";
import { sharedHandlers } from "./handlers.js";
import { clientAddress, type SocketRateLimits } from "./limits.js";
import { visitorProfile, type VisitorIdentities } from "../auth/visitors.js";
import { checkProtocolVersion } from "./protocol-version.js";
import type { MailService } from "../mail/service.js";
import type { LiveVisitorHub } from "../live/hub.js";

export function setUpVisitorNamespace(ctx: Context, ns: VisitorNamespace, broadcast: Broadcast, conversations: ConversationService, routing: RoutingService, offline: OfflineService, mail: Pick<MailService, "emailTranscript">, limits: SocketRateLimits, identities: VisitorIdentities, live: LiveVisitorHub): void {
  ns.use(checkProtocolVersion(PROTOCOL_VERSION));
  ns.use(async (socket, next) => {
    try {
      const parsed = visitorHandshakeSchema.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success) return next(new Error("BAD_REQUEST"));
      const auth = parsed.data;
      // A new visitor id must not buy a new budget: connections and actions also count per address.
      const address = clientAddress(socket.request, limits.trust);
      const locale: Locale = auth.locale ?? pickLocale(socket.handshake.headers["accept-language"]);
      let identity: { name?: string; email?: string } | null = null;
      if (auth.identity && ctx.config.widgetIdentitySecret) identity = await verifyIdentity(auth.identity, ctx.config.widgetIdentitySecret);
      const profile = visitorProfile({
        name: (identity?.name ?? auth.name) || undefined,
        email: (identity?.email ?? auth.email) || undefined,
        verified: identity ? true : undefined,
        timeZone: auth.timeZone || undefined,
        pageUrl: auth.pageUrl || undefined,
        userAgent: socket.handshake.headers["user-agent"]?.slice(0, 300) ?? null,
        locale,
        lastSeenAt: new Date(),
      });
      const resumed = auth.visitorToken ? await identities.resume(auth.visitorToken, profile, identity !== null) : null;
      let visitor = resumed === "erased" ? null : resumed;
      if (!visitor) {
        // Only a new visitor counts against the address's connection budget; a returning widget reconnects freely.
        try {
          await limits.connect(address);
        } catch (err) {
          if (!(err instanceof RateLimitedError)) throw err;
          // The widget reads when to try again and says so in the visitor's language.
          const refusal = new Error("RATE_LIMITED") as Error & { data: HandshakeRateLimited };
          refusal.data = { ...errorBody("RATE_LIMITED", locale), code: "RATE_LIMITED", retryAfterSeconds: err.retryAfterSeconds };
          return next(refusal);
        }
        visitor = identities.create();
      }
      // A stored visitor needs nothing more of the handshake; a new one keeps its profile until its row is written.
      socket.data = { visitorId: visitor.id, visitorToken: visitor.token, locale, address, unsaved: visitor.stored ? undefined : profile, replaced: resumed === "erased" || undefined };
      next();
    } catch (err) {
      ctx.log.error({ err }, "visitor handshake failed");
      next(new Error("INTERNAL"));
    }
  });

  /** The conversations this socket's visitor owns, as far as it has learnt: made on the first. */
  const own = (socket: { data: VisitorSocketData }, conversationId: string) => (socket.data.conversationIds ??= new Set()).add(conversationId);
  const owned = async (socket: { data: VisitorSocketData }, conversationId: string) => {
    if (socket.data.conversationIds?.has(conversationId)) return;
    const row = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { visitorId: true } });
    if (!row) throw new AppError("NOT_FOUND");
    if (row.visitorId !== socket.data.visitorId) throw new AppError("FORBIDDEN");
    own(socket, conversationId);
  };
  // The row is written on the first action worth keeping; a visitor who only looks costs nothing.
  const keepVisitor = async (socket: { data: VisitorSocketData }) => {
    const { unsaved } = socket.data;
    if (!unsaved) return;
    await identities.keep(socket.data.visitorId, socket.data.visitorToken, unsaved);
    socket.data.unsaved = undefined;
  };

  // Every visitor socket shares these handlers and listeners: an idle connection holds no functions of its own.
  const onEvent = sharedHandlers<VisitorSocket, typeof visitorSchemas>(
    visitorSchemas,
    {
      "conversation:start": async (socket, { body, clientId, name, email, invitation }) => {
        const { visitorId } = socket.data;
        await limits.take("start", visitorId, socket.data.address);
        // Outside business hours nobody would read a new chat until the visitor is long gone: the
        // message form takes over (the widget offers it). A chat already open carries on.
        if (!(await routing.isOpen()) && !(await conversations.openForVisitor(visitorId))) {
          socket.emit("availability", await routing.availability());
          throw new AppError("CLOSED");
        }
        await keepVisitor(socket);
        if (name || email) await ctx.db.visitor.updateMany({ where: { id: visitorId, verified: false }, data: { ...(name ? { name } : {}), ...(email ? { email } : {}) } });
        // An answer to an invitation goes to the operator who sent it when they have room, before the queue moves.
        const inviter = invitation ? await live.inviter(visitorId) : undefined;
        const start = async () => {
          const result = await conversations.start(visitorId, socket.data.locale, body ? { body, clientId } : undefined);
          if (result.firstMessage) broadcast.appended(result.firstMessage);
          if (result.created && inviter) await routing.tryAssign(result.conversation.id, inviter.operatorId, "routed");
          return result;
        };
        const started = inviter ? await routing.beforeNextDrain(start) : await start();
        const conversation = (inviter && started.created ? await conversations.load(started.conversation.id) : null) ?? started.conversation;
        own(socket, conversation.id);
        live.conversationChanged(visitorId, conversation.id);
        const position = await routing.queuePosition(conversation.id);
        // The queue drains on its own: the chat may be assigned (and that broadcast to this visitor) before
        // this ack reaches them, when the widget does not know the chat yet and drops the update. So once the
        // ack is out, the chat is read again and a change since this snapshot is sent after it, in order.
        setImmediate(() => {
          void conversations
            .load(conversation.id)
            .then((now) => {
              if (now && socket.connected && (now.status !== conversation.status || now.operatorId !== conversation.operatorId)) socket.emit("conversation:updated", toConversation(now, { forVisitor: true }));
            })
            .catch((err: unknown) => ctx.log.warn({ err }, "could not re-read a chat after its start"));
        });
        return { conversation: toConversation(conversation, { forVisitor: true, queuePosition: position?.position }) };
      },
      "message:send": async (socket, { conversationId, clientId, body, attachments }) => {
        const { visitorId } = socket.data;
        await limits.take("message", visitorId, socket.data.address);
        await owned(socket, conversationId);
        await ctx.files.attachments.assertAttachable(attachments, { type: "visitor", id: visitorId });
        const appended = await conversations.appendMessage({
          conversationId,
          author: { type: "visitor", id: visitorId },
          kind: "text",
          body,
          clientId,
          guard: { visitorId },
        });
        const views = await ctx.files.attachments.attachToMessage(appended.message, { ids: attachments, uploader: { type: "visitor", id: visitorId }, visitorId });
        if (appended.created) {
          broadcast.message(views.forOperators, appended.head, { exceptSocketId: socket.id, forVisitor: views.forVisitor });
          if (appended.head.pendingQuestion) broadcast.method(await conversations.applyMethod(conversationId, { type: "visitor_message", body, locale: socket.data.locale }, { type: "visitor", id: visitorId }));
        }
        return { message: views.forVisitor };
      },
      sync: async (socket, { conversationId, afterSeq }) => {
        const { visitorId } = socket.data;
        await limits.take("sync", visitorId, socket.data.address);
        await owned(socket, conversationId);
        return { messages: await ctx.files.attachments.presentMessages(await conversations.messagesAfter(conversationId, afterSeq, { includeNotes: false }), { kind: "visitor", visitorId }) };
      },
      typing: async (socket, { conversationId, typing }) => {
        const { visitorId } = socket.data;
        await limits.take("typing", visitorId, socket.data.address);
        await owned(socket, conversationId);
        const row = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { operatorId: true } });
        if (row?.operatorId) ctx.operators.to(rooms.operator(row.operatorId)).emit("typing", { conversationId, typing, author: { type: "visitor" } });
      },
      "conversation:leave": async (socket, { conversationId }) => {
        const { visitorId } = socket.data;
        await limits.take("answer", visitorId, socket.data.address);
        await owned(socket, conversationId);
        const left = await conversations.markVisitorLeft(conversationId, "ended");
        if (left) broadcast.conversation(left);
        live.conversationChanged(visitorId, undefined);
      },
      page: async (socket, { url, title }) => {
        const { visitorId } = socket.data;
        await limits.take("page", visitorId, socket.data.address);
        live.page(visitorId, url, title);
      },
      "invitation:dismiss": async (socket) => {
        const { visitorId } = socket.data;
        live.dismissInvitation(visitorId);
      },
      "offline:message": async (socket, input) => {
        const { visitorId } = socket.data;
        await limits.take("offline", visitorId, socket.data.address);
        await keepVisitor(socket);
        const saved = await offline.leave({ ...input, visitorId, locale: socket.data.locale });
        broadcast.offlineMessage(saved, "new");
        return { id: saved.id, dueAt: saved.dueAt };
      },
      rating: async (socket, { conversationId, score, comment }) => {
        const { visitorId } = socket.data;
        await limits.take("answer", visitorId, socket.data.address);
        await owned(socket, conversationId);
        await ctx.db.rating.upsert({
          where: { conversationId },
          create: { conversationId, score, comment: comment ?? null },
          update: { score, comment: comment ?? null },
        });
      },
      "summary:answer": async (socket, { conversationId, messageId, answer }) => {
        const { visitorId } = socket.data;
        await limits.take("answer", visitorId, socket.data.address);
        await owned(socket, conversationId);
        const summary = await ctx.db.message.findFirst({ where: { id: messageId, conversationId } });
        if (!summary) throw new AppError("NOT_FOUND", "messageId");
        const meta = summary.meta ? (JSON.parse(summary.meta) as Record<string, unknown>) : {};
        if (!meta.summary) throw new AppError("BAD_REQUEST", "messageId");
        const answered = await ctx.db.message.update({ where: { id: summary.id }, data: { meta: JSON.stringify({ ...meta, summaryAnswer: answer }) } });
        const result = await conversations.applyMethod(conversationId, { type: "summary_answer", answer }, { type: "visitor", id: visitorId });
        broadcast.method(result);
        // The same message again, now with the answer: clients replace it by id.
        broadcast.message(toMessage(answered), result.conversation);
        return { conversation: toConversation(result.conversation, { forVisitor: true }) };
      },
      "transcript:email": async (socket, { conversationId, email }) => {
        const { visitorId } = socket.data;
        await limits.take("offline", visitorId, socket.data.address);
        await owned(socket, conversationId);
        await mail.emailTranscript(conversationId, email, visitorId);
      },
    },
    (socket) => socket.data.locale,
    ctx.log,
    ctx.work,
  );

  function onDisconnect(this: VisitorSocket) {
    const { visitorId } = this.data;
    live.visitorDisconnected(visitorId);
    ctx.work.run("visitor disconnect bookkeeping", async () => {
      if (!(await broadcast.visitorConnected(visitorId))) broadcast.conversations(await conversations.setVisitorConnected(visitorId, false));
    });
  }

  ns.on("connection", async (socket) => {
    // The middleware above has read all it needs from the handshake request: an idle visitor need not keep it alive.
    (socket.conn as { request: unknown }).request = null;
    const { visitorId } = socket.data;
    // A visitor without a row has no chats and no name yet: nothing to look up in the database.
    const stored = socket.data.unsaved === undefined;
    void socket.join(rooms.visitor(visitorId));
    const timeZone = (socket.handshake.auth as { timeZone?: unknown } | undefined)?.timeZone;
    live.visitorConnected(visitorId, { locale: socket.data.locale, ...(typeof timeZone === "string" ? { timeZone: timeZone.slice(0, 64) } : {}) }, stored);
    socket.onAny(onEvent);
    socket.on("disconnect", onDisconnect);

    try {
      const returned = stored ? await conversations.reclaimForVisitor(visitorId) : null;
      if (returned) broadcast.conversation(returned);
      const open = returned ?? (stored ? await conversations.openForVisitor(visitorId) : null);
      if (open) {
        own(socket, open.id);
        live.conversationChanged(visitorId, open.id);
        if (!open.visitorConnected) broadcast.conversations(await conversations.setVisitorConnected(visitorId, true));
      }
      const current = open ? await conversations.load(open.id) : null;
      const position = current ? await routing.queuePosition(current.id) : null;
      const settings = await ctx.settings.get();
      // The token presented was an erased visitor's: the browser forgets them before it learns its new identity.
      if (socket.data.replaced) socket.emit("visitor:erased", { code: "VISITOR_ERASED" });
      socket.emit("session", {
        visitorId,
        visitorToken: socket.data.visitorToken,
        conversation: current ? toConversation(current, { forVisitor: true, queuePosition: position?.position }) : null,
        availability: await routing.availability(),
        widget: { ...settings.widget, waitLimitSeconds: settings.waitLimitSeconds },
      });
      if (position) socket.emit("queue", position);
    } catch (err) {
      ctx.log.error({ err }, "visitor session failed");
      // The transport is cut, not the socket disconnected: a server-side disconnect tells the widget to
      // stay away for good (it would say "Connecting…" until a reload); a lost transport makes it try again.
      socket.conn.close();
    }
  });
}

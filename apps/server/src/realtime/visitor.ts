// The /visitor namespace: a website visitor's widget.
import { PROTOCOL_VERSION, errorBody, pickLocale, visitorHandshakeSchema, visitorSchemas, type HandshakeRateLimited, type Locale } from "@live-chat/protocol";
import { RateLimitedError } from "../auth/service.js";
import type { Context, VisitorNamespace } from "../context.js";
import { rooms } from "../context.js";
import { verifyIdentity } from "../auth/tokens.js";
import { AppError } from "../errors.js";
import type { ConversationService } from "../conversation/service.js";
import { toConversation, toMessage } from "../conversation/serialize.js";
import type { RoutingService } from "../routing/service.js";
import type { OfflineService } from "../routing/offline.js";
import type { Broadcast } from "./broadcast.js";
import { bindHandlers } from "./handlers.js";
import { clientAddress, type SocketRateLimits } from "./limits.js";
import type { VisitorIdentities, VisitorProfile } from "../auth/visitors.js";
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
      const profile: VisitorProfile = {
        ...(identity?.name ?? auth.name ? { name: identity?.name ?? auth.name } : {}),
        ...(identity?.email ?? auth.email ? { email: identity?.email ?? auth.email } : {}),
        ...(identity ? { verified: true } : {}),
        ...(auth.timeZone ? { timeZone: auth.timeZone } : {}),
        ...(auth.pageUrl ? { pageUrl: auth.pageUrl } : {}),
        userAgent: socket.handshake.headers["user-agent"]?.slice(0, 300) ?? null,
        locale,
        lastSeenAt: new Date(),
      };
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
      socket.data = { visitorId: visitor.id, visitorToken: visitor.token, locale, conversationIds: new Set(), address, visitor, profile, replaced: resumed === "erased" };
      next();
    } catch (err) {
      ctx.log.error({ err }, "visitor handshake failed");
      next(new Error("INTERNAL"));
    }
  });

  ns.on("connection", async (socket) => {
    // The middleware above has read all it needs from the handshake request: an idle visitor need not keep it alive.
    (socket.conn as { request: unknown }).request = null;
    const { visitorId } = socket.data;
    const locale = () => socket.data.locale;
    // The row is written on the first action worth keeping; a visitor who only looks costs nothing.
    const keepVisitor = () => identities.keep(socket.data.visitor, socket.data.profile);
    void socket.join(rooms.visitor(visitorId));
    const timeZone = (socket.handshake.auth as { timeZone?: unknown } | undefined)?.timeZone;
    live.visitorConnected(visitorId, { locale: socket.data.locale, ...(typeof timeZone === "string" ? { timeZone: timeZone.slice(0, 64) } : {}) });

    const owned = async (conversationId: string) => {
      if (socket.data.conversationIds.has(conversationId)) return;
      const row = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { visitorId: true } });
      if (!row) throw new AppError("NOT_FOUND");
      if (row.visitorId !== visitorId) throw new AppError("FORBIDDEN");
      socket.data.conversationIds.add(conversationId);
    };

    bindHandlers(
      socket,
      visitorSchemas,
      {
        "conversation:start": async ({ body, clientId, name, email, invitation }) => {
          await limits.take("start", visitorId, socket.data.address);
          // Outside business hours nobody would read a new chat until the visitor is long gone: the
          // message form takes over (the widget offers it). A chat already open carries on.
          if (!(await routing.isOpen()) && !(await conversations.openForVisitor(visitorId))) {
            socket.emit("availability", await routing.availability());
            throw new AppError("CLOSED");
          }
          await keepVisitor();
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
          socket.data.conversationIds.add(conversation.id);
          live.conversationChanged(visitorId, conversation.id);
          const position = await routing.queuePosition(conversation.id);
          return { conversation: toConversation(conversation, { forVisitor: true, queuePosition: position?.position }) };
        },
        "message:send": async ({ conversationId, clientId, body, attachments }) => {
          await limits.take("message", visitorId, socket.data.address);
          await owned(conversationId);
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
        sync: async ({ conversationId, afterSeq }) => {
          await limits.take("sync", visitorId, socket.data.address);
          await owned(conversationId);
          return { messages: await ctx.files.attachments.presentMessages(await conversations.messagesAfter(conversationId, afterSeq, { includeNotes: false }), { kind: "visitor", visitorId }) };
        },
        typing: async ({ conversationId, typing }) => {
          await limits.take("typing", visitorId, socket.data.address);
          await owned(conversationId);
          const row = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { operatorId: true } });
          if (row?.operatorId) ctx.operators.to(rooms.operator(row.operatorId)).emit("typing", { conversationId, typing, author: { type: "visitor" } });
        },
        "conversation:leave": async ({ conversationId }) => {
          await limits.take("answer", visitorId, socket.data.address);
          await owned(conversationId);
          const left = await conversations.markVisitorLeft(conversationId, "ended");
          if (left) broadcast.conversation(left);
          live.conversationChanged(visitorId, undefined);
        },
        page: async ({ url, title }) => {
          await limits.take("page", visitorId, socket.data.address);
          live.page(visitorId, url, title);
        },
        "invitation:dismiss": async () => {
          live.dismissInvitation(visitorId);
        },
        "offline:message": async (input) => {
          await limits.take("offline", visitorId, socket.data.address);
          await keepVisitor();
          const saved = await offline.leave({ ...input, visitorId, locale: socket.data.locale });
          broadcast.offlineMessage(saved, "new");
          return { id: saved.id, dueAt: saved.dueAt };
        },
        rating: async ({ conversationId, score, comment }) => {
          await limits.take("answer", visitorId, socket.data.address);
          await owned(conversationId);
          await ctx.db.rating.upsert({
            where: { conversationId },
            create: { conversationId, score, comment: comment ?? null },
            update: { score, comment: comment ?? null },
          });
        },
        "summary:answer": async ({ conversationId, messageId, answer }) => {
          await limits.take("answer", visitorId, socket.data.address);
          await owned(conversationId);
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
        "transcript:email": async ({ conversationId, email }) => {
          await limits.take("offline", visitorId, socket.data.address);
          await owned(conversationId);
          await mail.emailTranscript(conversationId, email, visitorId);
        },
      },
      locale,
      ctx.log,
      ctx.work,
    );

    socket.on("disconnect", () => {
      live.visitorDisconnected(visitorId);
      ctx.work.run("visitor disconnect bookkeeping", async () => {
        if (!(await broadcast.visitorConnected(visitorId))) broadcast.conversations(await conversations.setVisitorConnected(visitorId, false));
      });
    });

    try {
      const returned = await conversations.reclaimForVisitor(visitorId);
      if (returned) broadcast.conversation(returned);
      const open = returned ?? (await conversations.openForVisitor(visitorId));
      if (open) {
        socket.data.conversationIds.add(open.id);
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
      socket.disconnect(true);
    }
  });
}

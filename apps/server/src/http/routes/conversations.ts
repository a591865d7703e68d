// Conversations and transcripts for the inbox and for scripts; offline messages left for the team.
import { Router } from "express";
import { z } from "zod";
import { STATUSES } from "@live-chat/protocol";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import type { ConversationService } from "../../conversation/service.js";
import { conversationInclude, toConversation } from "../../conversation/serialize.js";
import type { OfflineService } from "../../routing/offline.js";
import type { HttpAnnouncer } from "../announcer.js";
import { AppError } from "../../errors.js";
import { parseBody, parseQuery, requireAuth } from "../middleware.js";

const listQuery = z.object({ status: z.enum(STATUSES).optional(), reason: z.string().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const messagesQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export function conversationRoutes(ctx: Context, auth: AuthService, conversations: ConversationService, offline: OfflineService, broadcast: HttpAnnouncer): Router {
  const router = Router();
  router.use(["/api/conversations", "/api/offline-messages"], requireAuth(auth));

  router.get("/api/conversations", async (req, res) => {
    const { status, reason, limit } = parseQuery(listQuery, req);
    const rows = await ctx.db.conversation.findMany({
      where: { erasedAt: null, ...(status ? { status } : {}), ...(reason ? { reasons: { some: { reasonId: reason } } } : {}) },
      include: conversationInclude,
      orderBy: { createdAt: "desc" },
      take: limit ?? 200,
    });
    res.json(
      rows.map((row) => ({
        ...toConversation(row),
        timestamps: {
          createdAt: row.createdAt.toISOString(),
          assignedAt: row.assignedAt?.toISOString() ?? null,
          firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
          wrappingUpAt: row.wrappingUpAt?.toISOString() ?? null,
          closedAt: row.closedAt?.toISOString() ?? null,
        },
      })),
    );
  });

  router.get("/api/conversations/:id/messages", async (req, res) => {
    const { afterSeq, beforeSeq, limit } = parseQuery(messagesQuery, req);
    const exists = await ctx.db.conversation.findUnique({ where: { id: String(req.params.id) }, select: { id: true } });
    if (!exists) throw new AppError("NOT_FOUND");
    const messages = beforeSeq !== undefined ? await conversations.messagesBefore(exists.id, beforeSeq, limit ?? 100) : await conversations.messagesAfter(exists.id, afterSeq ?? 0, { includeNotes: true, limit });
    res.json(await ctx.files.attachments.presentMessages(messages, { kind: "operator" }));
  });

  router.get("/api/offline-messages", async (_req, res) => {
    res.json(await offline.list());
  });

  router.post("/api/offline-messages/:id/handled", async (req, res) => {
    const { handled } = parseBody(z.object({ handled: z.boolean().default(true) }), req);
    const message = await offline.markHandled(String(req.params.id), req.principal!.user.id, handled);
    broadcast.offlineMessage(message, "updated");
    res.json(message);
  });
  return router;
}

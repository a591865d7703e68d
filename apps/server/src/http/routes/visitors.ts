// Live visitors and a visitor's earlier conversations, for the inbox (signed in only: browsing is personal data).
import { Router } from "express";
import type { LiveVisitor, VisitorConversation } from "@live-chat/protocol";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import { requireAuth } from "../middleware.js";

export function visitorRoutes(ctx: Context, auth: AuthService, live: { list(): Promise<LiveVisitor[]> }): Router {
  const router = Router();
  router.use("/api/visitors", requireAuth(auth));

  router.get("/api/visitors/live", async (_req, res) => {
    res.json(await live.list());
  });

  router.get("/api/visitors/:id/conversations", async (req, res) => {
    const rows = await ctx.db.conversation.findMany({
      // Anonymised chats belong to nobody: not even the shared "erased" visitor lists them as a history.
      where: { visitorId: String(req.params.id), erasedAt: null },
      include: { operator: { select: { id: true, name: true } }, reasons: { select: { reasonId: true } }, rating: { select: { score: true, comment: true } }, _count: { select: { messages: true } } },
      orderBy: { createdAt: "desc" },
      take: 100,
    });
    const list: VisitorConversation[] = rows.map((row) => ({
      id: row.id,
      status: row.status as VisitorConversation["status"],
      createdAt: row.createdAt.toISOString(),
      ...(row.closedAt ? { closedAt: row.closedAt.toISOString() } : {}),
      ...(row.operator ? { operator: row.operator } : {}),
      reasonIds: row.reasons.map((r) => r.reasonId),
      ...(row.rating ? { rating: { score: row.rating.score, ...(row.rating.comment ? { comment: row.rating.comment } : {}) } } : {}),
      messageCount: row._count.messages,
    }));
    res.json(list);
  });

  return router;
}

// Admin-only routes: settings (the public part reaches visitors via the socket), the history of
// changes, and the canned-reply file transfer and reports routers.
import { Router } from "express";
import { auditQuerySchema, settingsPatchSchema, type AuditEntity, type AuditEntry } from "@live-chat/protocol";
import { ZodError } from "zod";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import type { RoutingService } from "../../routing/service.js";
import type { HttpAnnouncer } from "../announcer.js";
import { AppError, fromZod } from "../../errors.js";
import { audit } from "../audit.js";
import { parseStoredJson } from "../../store/json.js";
import { localeOf, parseBody, parseQuery, requireAdmin, requireAuth } from "../middleware.js";
import { cannedReplyTransferRoutes } from "./admin-canned-replies.js";
import { reportRoutes } from "./admin-reports.js";

const DEFAULT_HISTORY_LIMIT = 100;

export function adminRoutes(ctx: Context, auth: AuthService, routing: RoutingService, broadcast: HttpAnnouncer): Router {
  const router = Router();
  router.use(["/api/settings", "/api/audit"], requireAuth(auth), requireAdmin);

  router.get("/api/settings", async (_req, res) => {
    res.json(await ctx.settings.get());
  });

  router.patch("/api/settings", async (req, res) => {
    const patch = parseBody(settingsPatchSchema, req);
    if (Object.keys(patch).length === 0) throw new AppError("BAD_REQUEST");
    try {
      const next = await ctx.settings.update(patch);
      await audit(ctx.db, req.principal!.user.id, "setting", "settings", "updated", patch);
      routing.requestDrain();
      ctx.work.run("availability broadcast", () => routing.broadcastAvailability());
      res.json(next);
    } catch (err) {
      if (err instanceof ZodError) throw fromZod(err, localeOf(req));
      throw err;
    }
  });

  router.get("/api/audit", async (req, res) => {
    const { entity, action, limit, offset } = parseQuery(auditQuerySchema, req);
    const rows = await ctx.db.auditEntry.findMany({
      where: { ...(entity ? { entity } : {}), ...(action ? { action } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit ?? DEFAULT_HISTORY_LIMIT,
      skip: offset ?? 0,
    });
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
    const actors = new Map((await ctx.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u]));
    const entries: AuditEntry[] = rows.map((row) => ({
      id: row.id,
      entity: row.entity as AuditEntity,
      entityId: row.entityId,
      action: row.action,
      actor: row.actorId ? (actors.get(row.actorId) ?? { id: row.actorId, name: "" }) : null,
      data: parseStoredJson(row.data),
      createdAt: row.createdAt.toISOString(),
    }));
    res.json(entries);
  });

  router.use(cannedReplyTransferRoutes(ctx, auth, broadcast));
  router.use(reportRoutes(ctx, auth));
  return router;
}

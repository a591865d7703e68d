// Admin-only GDPR routes: find a visitor, export what is stored about them (JSON, or the readable
// transcript as text), erase them. Every export and erasure goes into the audit log.
import { Router } from "express";
import { privacyExportQuerySchema, privacySearchSchema } from "@live-chat/protocol";
import type { AuthService } from "../../auth/service.js";
import type { Context } from "../../context.js";
import type { PrivacyService } from "../../privacy/service.js";
import type { HttpAnnouncer } from "../announcer.js";
import { audit } from "../audit.js";
import { parseQuery, requireAdmin, requireAuth } from "../middleware.js";

export function privacyRoutes(ctx: Context, auth: AuthService, privacy: PrivacyService, broadcast: HttpAnnouncer): Router {
  const router = Router();
  router.use("/api/privacy", requireAuth(auth), requireAdmin);

  router.get("/api/privacy/visitors", async (req, res) => {
    const { q } = parseQuery(privacySearchSchema, req);
    res.json(await privacy.search(q));
  });

  router.get("/api/privacy/visitors/:id/export", async (req, res) => {
    const { format } = parseQuery(privacyExportQuerySchema, req);
    const data = await privacy.export(req.params.id);
    await audit(ctx.db, req.principal!.user.id, "privacy", data.visitor.id, "exported", { format: format ?? "json", conversations: data.conversations.length, files: data.files.length });
    const day = data.exportedAt.slice(0, 10);
    res.setHeader("cache-control", "no-store");
    if (format === "text") {
      res.setHeader("content-disposition", `attachment; filename="visitor-${data.visitor.id}-${day}.txt"`);
      res.type("text/plain; charset=utf-8").send(data.transcript);
      return;
    }
    res.setHeader("content-disposition", `attachment; filename="visitor-${data.visitor.id}-${day}.json"`);
    res.json(data);
  });

  router.delete("/api/privacy/visitors/:id", async (req, res) => {
    const counts = await privacy.erase(req.params.id);
    await audit(ctx.db, req.principal!.user.id, "privacy", req.params.id, "erased", counts);
    broadcast.visitorErased(req.params.id);
    res.status(204).end();
  });
  return router;
}

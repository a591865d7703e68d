// Canned replies: every operator reads them (the current phase's first); admins edit them.
import { Router } from "express";
import {
  cannedReplyInputSchema,
  cannedReplyPatchSchema,
  cannedReplyQuerySchema,
  findUnknownPlaceholders,
  phaseIndex,
  type CannedReply,
} from "@live-chat/protocol";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import { AppError } from "../../errors.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { cannedReplyColumns } from "../../store/canned-replies.js";
import { toCannedReply } from "../../conversation/present-canned-reply.js";
import type { HttpAnnouncer } from "../announcer.js";
import { audit } from "../audit.js";
import { parseBody, parseQuery, requireAdmin, requireAuth } from "../middleware.js";

/** Refuses a body with a placeholder that does not exist, naming it. */
export function assertKnownPlaceholders(body: string | undefined): void {
  if (body === undefined) return;
  const unknown = findUnknownPlaceholders(body);
  if (unknown.length > 0) throw new AppError("UNKNOWN_PLACEHOLDER", "body", unknown.map((p) => `{${p}}`).join(", "));
}

const isShortcutClash = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

export function cannedReplyRoutes(ctx: Context, auth: AuthService, broadcast: HttpAnnouncer): Router {
  const router = Router();
  router.use("/api/canned-replies", requireAuth(auth));

  router.get("/api/canned-replies", async (req, res) => {
    const { phase, locale, q } = parseQuery(cannedReplyQuerySchema, req);
    const rows = await ctx.db.cannedReply.findMany({ where: locale ? { locale } : {}, orderBy: [{ position: "asc" }, { title: "asc" }] });
    const needle = q?.trim().toLowerCase();
    const replies = rows
      .map(toCannedReply)
      .filter((r) => !needle || `${r.title} ${r.body} ${r.shortcut ?? ""}`.toLowerCase().includes(needle));
    const rank = (r: CannedReply) => (phase && r.phases.includes(phase) ? -1 : Math.min(...r.phases.map(phaseIndex)));
    // Stable sort: the phase's replies first, then the rest in method order.
    res.json(await ctx.files.attachments.presentCannedReplies(replies.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map(({ r }) => r), rows));
  });

  router.post("/api/canned-replies", requireAdmin, async (req, res) => {
    const input = parseBody(cannedReplyInputSchema, req);
    assertKnownPlaceholders(input.body);
    try {
      const row = await ctx.db.cannedReply.create({ data: { ...cannedReplyColumns(input), title: input.title, body: input.body, locale: input.locale, phases: cannedReplyColumns(input).phases! } });
      await audit(ctx.db, req.principal!.user.id, "canned_reply", row.id, "created", toCannedReply(row));
      broadcast.cannedRepliesChanged();
      res.status(201).json(toCannedReply(row));
    } catch (err) {
      if (isShortcutClash(err)) throw new AppError("CONFLICT", "shortcut");
      throw err;
    }
  });

  router.patch("/api/canned-replies/:id", requireAdmin, async (req, res) => {
    const input = parseBody(cannedReplyPatchSchema, req);
    assertKnownPlaceholders(input.body);
    const existing = await ctx.db.cannedReply.findUnique({ where: { id: String(req.params.id) } });
    if (!existing) throw new AppError("NOT_FOUND");
    try {
      const row = await ctx.db.cannedReply.update({ where: { id: existing.id }, data: cannedReplyColumns(input) });
      await audit(ctx.db, req.principal!.user.id, "canned_reply", row.id, "updated", { before: toCannedReply(existing), after: toCannedReply(row) });
      broadcast.cannedRepliesChanged();
      res.json(toCannedReply(row));
    } catch (err) {
      if (isShortcutClash(err)) throw new AppError("CONFLICT", "shortcut");
      throw err;
    }
  });

  router.delete("/api/canned-replies/:id", requireAdmin, async (req, res) => {
    const existing = await ctx.db.cannedReply.findUnique({ where: { id: String(req.params.id) } });
    if (!existing) throw new AppError("NOT_FOUND");
    await ctx.db.cannedReply.delete({ where: { id: existing.id } });
    await audit(ctx.db, req.principal!.user.id, "canned_reply", existing.id, "deleted", toCannedReply(existing));
    broadcast.cannedRepliesChanged();
    res.status(204).end();
  });
  return router;
}

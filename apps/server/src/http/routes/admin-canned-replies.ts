// Canned replies as a JSON file: export all, import a list that adds new replies and updates
// matching ones (same language and shortcut, else same language and title), refusing nothing silently.
import { Router, type Request } from "express";
import { cannedReplyInputSchema, type CannedReplyImportResult, type CannedReplyInput } from "@live-chat/protocol";
import { z } from "zod";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import { AppError, fromZod } from "../../errors.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { audit } from "../audit.js";
import { localeOf, parseBody, requireAdmin, requireAuth } from "../middleware.js";
import { assertKnownPlaceholders } from "./canned-replies.js";
import type { HttpAnnouncer } from "../announcer.js";
import { cannedReplyColumns } from "../../store/canned-replies.js";
import { toCannedReply } from "../../conversation/present-canned-reply.js";

const MAX_IMPORT = 1000;
const importBodySchema = z.array(z.unknown()).max(MAX_IMPORT);

/** A reply copied from `GET /api/canned-replies` still carries its id; the id means nothing on another server. */
function withoutId(entry: unknown): unknown {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return entry;
  const { id: _id, ...rest } = entry as Record<string, unknown>;
  return rest;
}

function titleOf(entry: unknown): string {
  const title = entry && typeof entry === "object" ? (entry as { title?: unknown }).title : undefined;
  return typeof title === "string" ? title.slice(0, 200) : "";
}

export function cannedReplyTransferRoutes(ctx: Context, auth: AuthService, broadcast: HttpAnnouncer): Router {
  const router = Router();
  router.use(["/api/canned-replies/export", "/api/canned-replies/import"], requireAuth(auth), requireAdmin);

  router.get("/api/canned-replies/export", async (_req, res) => {
    const rows = await ctx.db.cannedReply.findMany({ orderBy: [{ locale: "asc" }, { position: "asc" }, { title: "asc" }] });
    const entries = rows.map((row) => {
      const { id: _id, ...reply } = toCannedReply(row);
      return reply;
    });
    res.setHeader("content-disposition", 'attachment; filename="canned-replies.json"');
    res.json(entries);
  });

  /** Finds the reply an imported entry stands for: same shortcut in that language, else same title. */
  const findMatch = async (entry: CannedReplyInput) => {
    if (entry.shortcut) {
      const byShortcut = await ctx.db.cannedReply.findFirst({ where: { locale: entry.locale, shortcut: entry.shortcut.toLowerCase() } });
      if (byShortcut) return byShortcut;
    }
    return ctx.db.cannedReply.findFirst({ where: { locale: entry.locale, title: entry.title }, orderBy: { position: "asc" } });
  };

  const importOne = async (req: Request, raw: unknown): Promise<"added" | "updated"> => {
    const parsed = cannedReplyInputSchema.safeParse(withoutId(raw));
    if (!parsed.success) throw fromZod(parsed.error, localeOf(req));
    const entry = parsed.data;
    assertKnownPlaceholders(entry.body);
    const actorId = req.principal!.user.id;
    const columns = cannedReplyColumns({ ...entry, shortcut: entry.shortcut ?? null, checklistItem: entry.checklistItem ?? null });
    const match = await findMatch(entry);
    try {
      if (match) {
        const row = await ctx.db.cannedReply.update({ where: { id: match.id }, data: columns });
        await audit(ctx.db, actorId, "canned_reply", row.id, "imported", { before: toCannedReply(match), after: toCannedReply(row) });
        return "updated";
      }
      const last = await ctx.db.cannedReply.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
      const row = await ctx.db.cannedReply.create({
        data: { ...columns, title: entry.title, body: entry.body, locale: entry.locale, phases: columns.phases!, position: (last?.position ?? -1) + 1 },
      });
      await audit(ctx.db, actorId, "canned_reply", row.id, "imported", { after: toCannedReply(row) });
      return "added";
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new AppError("CONFLICT", "shortcut");
      throw err;
    }
  };

  router.post("/api/canned-replies/import", async (req, res) => {
    const entries = parseBody(importBodySchema, req);
    const result: CannedReplyImportResult = { added: 0, updated: 0, refused: [] };
    for (const [index, raw] of entries.entries()) {
      try {
        result[await importOne(req, raw)]++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.refused.push({ index, title: titleOf(raw), error: err.body(localeOf(req)) });
      }
    }
    if (result.added + result.updated > 0) broadcast.cannedRepliesChanged();
    res.json(result);
  });
  return router;
}

// HTTP for the reachability plan and method coaching: contact reasons, targets, heat map, days, CSV, reviews.
import { Router, type Request } from "express";
import {
  contactReasonInputSchema,
  contactReasonPatchSchema,
  csvExportQuerySchema,
  planningQuerySchema,
  reviewNoteInputSchema,
  serviceTargetsSchema,
  WEEKDAYS,
} from "@live-chat/protocol";
import { z } from "zod";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import { AppError } from "../../errors.js";
import { audit } from "../audit.js";
import { parseBody, parseQuery, requireAdmin, requireAuth, requireReviewer } from "../middleware.js";
import { ContactReasonService } from "../../coaching/reasons.js";
import { CoachingReports, rangeInZone, type Range } from "../../coaching/reports.js";
import { toCsv, type CsvCell } from "../../coaching/csv.js";
import { loadPeriod, rangeOf, summarizePeriod } from "./admin-reports.js";

export function coachingRoutes(ctx: Context, auth: AuthService): Router {
  const router = Router();
  const reasons = new ContactReasonService(ctx);
  const reports = new CoachingReports(ctx);
  router.use(["/api/contact-reasons", "/api/reviews", "/api/conversations/:id/review", "/api/conversations/:id/review-notes"], requireAuth(auth));
  router.use(["/api/reports/targets", "/api/reports/heatmap", "/api/reports/daily", "/api/reports/export.csv"], requireAuth(auth), requireReviewer);

  // ---- contact reasons ----
  router.get("/api/contact-reasons", async (req, res) => {
    const { all } = parseQuery(z.object({ all: z.enum(["true", "false"]).optional() }), req);
    res.json(await reasons.list({ includeRetired: all === "true" }));
  });
  router.post("/api/contact-reasons", requireAdmin, async (req, res) => {
    const created = await reasons.create(parseBody(contactReasonInputSchema, req));
    res.status(201).json(created);
  });
  router.patch("/api/contact-reasons/:id", requireAdmin, async (req, res) => {
    const updated = await reasons.update(String(req.params.id), parseBody(contactReasonPatchSchema, req));
    res.json(updated);
  });
  router.delete("/api/contact-reasons/:id", requireAdmin, async (req, res) => {
    const retired = await reasons.retire(String(req.params.id));
    res.json(retired);
  });

  // ---- targets ----
  router.get("/api/reports/targets", async (_req, res) => {
    res.json(await reports.targets());
  });
  router.put("/api/reports/targets", requireAdmin, async (req, res) => {
    const wanted = parseBody(serviceTargetsSchema, req);
    const before = await reports.targets();
    // Saving the list as it stands changes nothing, so it leaves no history entry either.
    if (JSON.stringify(before) === JSON.stringify(reports.asStored(wanted))) return void res.json(before);
    const saved = await reports.setTargets(wanted, req.principal!.user.id);
    await audit(ctx.db, req.principal!.user.id, "setting", "service_targets", "updated", saved);
    res.json(saved);
  });

  // ---- reachability ----
  const zoned = async (req: Request) => {
    const query = parseQuery(planningQuerySchema, req);
    const tz = query.tz ?? (await reports.defaultTimeZone());
    const range = rangeInZone(query, tz, new Date());
    if (!range) throw new AppError("BAD_REQUEST", "to");
    return { query, tz, range };
  };
  router.get("/api/reports/heatmap", async (req, res) => {
    const { query, tz, range } = await zoned(req);
    res.json(await reports.heatmap(range, tz, query.reason));
  });
  router.get("/api/reports/daily", async (req, res) => {
    const { query, tz, range } = await zoned(req);
    res.json({ tz, from: range.from.toISOString(), to: range.to.toISOString(), days: await reports.daily(range, tz, query.reason) });
  });
  router.get("/api/reports/export.csv", async (req, res) => {
    const { table } = parseQuery(csvExportQuerySchema, req);
    const { query, tz, range } = await zoned(req);
    const csv = await csvTable(table, query.reason, tz, range, rangeOf(query, new Date()));
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", `attachment; filename="live-chat-${table}-${range.from.toISOString().slice(0, 10)}.csv"`);
    res.send(csv);
  });

  /** Each table of the Reports page as CSV; the summary and targets over the same (UTC-day) range the summary uses. */
  async function csvTable(table: (typeof csvExportQuerySchema)["_output"]["table"], reason: string | undefined, tz: string, range: Range, summaryRange: Range): Promise<string> {
    switch (table) {
      case "summary": {
        const period = await loadPeriod(ctx, summaryRange, reason);
        const flat = flatten(summarizePeriod(summaryRange, period, Date.now()));
        return toCsv(["figure", "value"], Object.entries(flat));
      }
      case "targets": {
        const period = await loadPeriod(ctx, summaryRange, reason);
        const { targets } = await reports.summaryExtras(summaryRange, period, reason);
        return toCsv(["metric", "target", "seconds", "actual", "met", "previous"], targets.map((t) => [t.metric, t.target, t.seconds, t.actual, t.met, t.previous]));
      }
      case "operators": {
        const period = await loadPeriod(ctx, summaryRange, reason);
        const method = await reports.reviews.methodFigures(period.conversations);
        const users = await ctx.db.user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
        return toCsv(
          ["operator", "conversations", "median_first_response_seconds", "closing_checklist_complete_rate", "rating_average", "greeted_rate", "summary_confirmed_rate", "full_closing_rate", "median_seconds_to_greeting", "hints_per_chat"],
          users.map((u) => {
            const s = summarizePeriod(summaryRange, { conversations: period.conversations.filter((c) => c.operatorId === u.id), followUps: period.followUps.filter((f) => f.operatorId === u.id) }, Date.now());
            const m = method.get(u.id);
            return [u.name, s.conversations, s.firstResponseSeconds.median, s.closingChecklistCompleteRate, s.csat.average, m?.greetedRate, m?.summaryConfirmedRate, m?.fullClosingRate, m?.secondsToGreeting.median, m?.hintsPerChat];
          }),
        );
      }
      case "reasons": {
        const period = await loadPeriod(ctx, summaryRange, reason);
        const { byReason, closedWithoutReason } = await reports.summaryExtras(summaryRange, period, reason);
        const list = await reasons.list({ includeRetired: true });
        return toCsv(["reason_id", "name_en", "name_nl", "active", "chats"], [...list.map((r) => [r.id, r.names.en, r.names.nl, r.active, byReason[r.id] ?? 0]), ["", "(no reason)", "(geen reden)", "", closedWithoutReason]]);
      }
      case "heatmap": {
        const map = await reports.heatmap(range, tz, reason);
        return toCsv(["weekday", "hour", "chats", "operator_hours"], map.cells.flatMap((row, weekday) => row.map((chats, hour): CsvCell[] => [WEEKDAYS[weekday], hour, chats, map.operatorHours[weekday][hour]])));
      }
      case "daily": {
        const days = await reports.daily(range, tz, reason);
        return toCsv(["date", "chats", "missed", "offline_messages"], days.map((d) => [d.date, d.chats, d.missed, d.offlineMessages]));
      }
      case "chats": {
        const rows = await reports.chatRows(range, tz, reason);
        return toCsv([...CHAT_COLUMNS], rows.map((r) => CHAT_COLUMNS.map((column) => r[column])));
      }
    }
  }

  // ---- reviews ----
  router.get("/api/conversations/:id/review", async (req, res) => {
    res.json(await reports.reviews.review(String(req.params.id), req.principal!.user));
  });
  router.post("/api/conversations/:id/review-notes", async (req, res) => {
    res.status(201).json(await reports.reviews.addNote(String(req.params.id), req.principal!.user, parseBody(reviewNoteInputSchema, req)));
  });
  router.get("/api/reviews/mine", async (req, res) => {
    res.json(await reports.reviews.notesFor(req.principal!.user.id));
  });
  return router;
}

const CHAT_COLUMNS = ["id", "startedLocal", "startedAt", "status", "closeReason", "operator", "firstResponseSeconds", "closedAt", "phaseReached", "transfers", "rating", "reasonsEn", "reasonsNl"] as const;

/** Nested figures as dotted names (`firstResponseSeconds.median`), for a two-column sheet. */
function flatten(value: object, prefix = ""): Record<string, CsvCell> {
  const out: Record<string, CsvCell> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === "object") Object.assign(out, flatten(inner as object, name));
    else out[name] = inner as CsvCell;
  }
  return out;
}

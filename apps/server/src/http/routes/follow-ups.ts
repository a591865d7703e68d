// Follow-ups promised in chats: promise one, list the team's open ones, mark one done.
import { Router } from "express";
import { z } from "zod";
import { followUpDoneSchema, followUpInputSchema } from "@live-chat/protocol";
import type { AuthService } from "../../auth/service.js";
import type { FollowUpService } from "../../conversation/follow-ups.js";
import type { HttpAnnouncer } from "../announcer.js";
import { localeOf, parseBody, parseQuery, requireAuth } from "../middleware.js";

const listQuery = z.object({ status: z.enum(["open", "done", "all"]).optional() });

export function followUpRoutes(auth: AuthService, followUps: FollowUpService, broadcast: HttpAnnouncer): Router {
  const router = Router();
  router.use(["/api/follow-ups", "/api/conversations/:id/follow-ups"], requireAuth(auth));

  router.post("/api/conversations/:id/follow-ups", async (req, res) => {
    const input = parseBody(followUpInputSchema, req);
    const { followUp, note, method } = await followUps.promise(String(req.params.id), req.principal!, input, localeOf(req));
    if (note) broadcast.appended(note);
    if (method) broadcast.method(method);
    broadcast.followUp(followUp);
    res.status(201).json(followUp);
  });
  router.get("/api/conversations/:id/follow-ups", async (req, res) => {
    res.json(await followUps.forConversation(String(req.params.id)));
  });
  router.get("/api/follow-ups", async (req, res) => {
    const { status } = parseQuery(listQuery, req);
    res.json(await followUps.list(status ?? "open"));
  });
  router.post("/api/follow-ups/:id/done", async (req, res) => {
    const { done } = parseBody(followUpDoneSchema, req);
    const followUp = await followUps.markDone(String(req.params.id), req.principal!.user.id, done);
    broadcast.followUp(followUp);
    res.json(followUp);
  });
  return router;
}

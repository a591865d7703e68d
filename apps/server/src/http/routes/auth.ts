import { Router } from "express";
import { localeSchema, loginSchema } from "@live-chat/protocol";
import { z } from "zod";
import type { AuthService } from "../../auth/service.js";
import { toUser } from "../../auth/service.js";
import { parseBody, requireAuth, SESSION_COOKIE } from "../middleware.js";

const mePatchSchema = z.strictObject({ locale: localeSchema });

export function authRoutes(auth: AuthService, secureCookies: boolean): Router {
  const router = Router();
  router.post("/api/auth/login", async (req, res) => {
    const { email, password } = parseBody(loginSchema, req);
    const result = await auth.login(email, password, req.ip ?? "unknown");
    res.cookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/", maxAge: 30 * 86_400_000 });
    res.json(result);
  });
  router.post("/api/auth/logout", requireAuth(auth), async (req, res) => {
    await auth.logout(req.principal!.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  router.get("/api/me", requireAuth(auth), (req, res) => {
    res.json(toUser(req.principal!.user));
  });
  /** Operators keep their own interface language; server errors then speak it too. */
  router.patch("/api/me", requireAuth(auth), async (req, res) => {
    const { locale } = parseBody(mePatchSchema, req);
    res.json(toUser(await auth.setLocale(req.principal!.user.id, locale)));
  });
  return router;
}

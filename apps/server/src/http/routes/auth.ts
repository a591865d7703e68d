import { Router, type Response } from "express";
import { choosePasswordSchema, loginSchema, mePatchSchema } from "@live-chat/protocol";
import type { AuthService } from "../../auth/service.js";
import type { InvitationService } from "../../auth/invitations.js";
import { toUser } from "../../auth/service.js";
import { parseBody, requireAuth, SESSION_COOKIE } from "../middleware.js";

export function authRoutes(auth: AuthService, invitations: InvitationService): Router {
  const router = Router();
  // Secure whenever the request arrived over https, directly or per a proxy TRUST_PROXY trusts (req.secure).
  const signedIn = (res: Response, result: { token: string }) =>
    res.cookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: "lax", secure: res.req.secure, path: "/", maxAge: 30 * 86_400_000 }).json(result);
  router.post("/api/auth/login", async (req, res) => {
    const { email, password } = parseBody(loginSchema, req);
    signedIn(res, await auth.login(email, password, req.ip ?? "unknown"));
  });
  /** An invitation or reset link: who it is for, before they choose a password. */
  router.get("/api/invitations/:token", async (req, res) => {
    res.json(await invitations.peek(String(req.params.token), req.ip ?? "unknown"));
  });
  /** Choosing the password uses the link up and signs the user in, like a sign-in. */
  router.post("/api/invitations/:token", async (req, res) => {
    const { password } = parseBody(choosePasswordSchema, req);
    signedIn(res, await invitations.accept(String(req.params.token), password, req.ip ?? "unknown"));
  });
  router.post("/api/auth/logout", requireAuth(auth), async (req, res) => {
    await auth.logout(req.principal!.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  router.get("/api/me", requireAuth(auth), (req, res) => {
    res.json(toUser(req.principal!.user));
  });
  /** Operators keep their own interface language (server errors then speak it too) and choose their name. */
  router.patch("/api/me", requireAuth(auth), async (req, res) => {
    res.json(toUser(await auth.updateSelf(req.principal!.user.id, parseBody(mePatchSchema, req))));
  });
  return router;
}

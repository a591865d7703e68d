// Mail over HTTP: answering offline messages and follow-ups, transcripts, password resets, the
// admin's outbox, templates and test mail, and the webhook through which providers post replies.
import { timingSafeEqual } from "node:crypto";
import express, { Router, type Request } from "express";
import { z } from "zod";
import {
  errorBody,
  LOCALES,
  MAIL_STATUSES,
  MAIL_TEMPLATES,
  mailPreferencesSchema,
  mailReplySchema,
  mailTestSchema,
  passwordResetConfirmSchema,
  passwordResetSchema,
  transcriptEmailSchema,
  type MailTemplateName,
} from "@live-chat/protocol";
import type { AuthService } from "../../auth/service.js";
import type { MailChannel } from "../../mail/index.js";
import { InboundRefused } from "../../mail/inbound.js";
import { previewMail } from "../../mail/templates.js";
import { AppError } from "../../errors.js";
import { localeOf, parseBody, parseQuery, requireAdmin, requireAuth } from "../middleware.js";

const listQuery = z.object({ status: z.enum(MAIL_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const previewQuery = z.object({ locale: z.enum(LOCALES).optional() });
const inboundQuery = z.object({ to: z.string().max(500).optional() });
const originOf = (req: Request) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

function bearerMatches(req: Request, secret: string | undefined): boolean {
  const header = req.headers.authorization;
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function mailRoutes(auth: AuthService, mail: MailChannel, config: { inboundSecret?: string; inboundMaxBytes: number; inboundSmtpPort?: number }): Router {
  const router = Router();
  const signedIn = requireAuth(auth);
  const admin = [signedIn, requireAdmin];
  const { service, outbox } = mail;

  router.post("/api/offline-messages/:id/reply", signedIn, async (req, res) => {
    const { body } = parseBody(mailReplySchema, req);
    res.json(await service.answerOffline(String(req.params.id), req.principal!, body));
  });
  router.post("/api/follow-ups/:id/reply", signedIn, async (req, res) => {
    const { body } = parseBody(mailReplySchema, req);
    res.json(await service.answerFollowUp(String(req.params.id), req.principal!, body));
  });
  router.post("/api/conversations/:id/transcript/email", signedIn, async (req, res) => {
    const { email } = parseBody(transcriptEmailSchema, req);
    res.status(202).json(await service.emailTranscript(String(req.params.id), email));
  });

  router.post("/api/auth/password-reset", async (req, res) => {
    const { email } = parseBody(passwordResetSchema, req);
    await service.requestPasswordReset(email, req.ip ?? "unknown", originOf(req));
    res.status(202).end();
  });
  router.post("/api/auth/password-reset/confirm", async (req, res) => {
    const { token, password } = parseBody(passwordResetConfirmSchema, req);
    await service.confirmPasswordReset(token, password, req.ip ?? "unknown");
    res.status(204).end();
  });

  router.get("/api/me/mail-preferences", signedIn, async (req, res) => {
    res.json(await service.preferences(req.principal!.user.id));
  });
  router.put("/api/me/mail-preferences", signedIn, async (req, res) => {
    const { unansweredAlerts } = parseBody(mailPreferencesSchema, req);
    res.json(await service.setPreferences(req.principal!.user.id, unansweredAlerts));
  });

  router.get("/api/mail", ...admin, async (req, res) => {
    const { status, limit } = parseQuery(listQuery, req);
    res.json(await outbox.list({ status, limit: limit ?? 200 }));
  });
  router.get("/api/mail/status", ...admin, async (_req, res) => {
    res.json(await outbox.status({ smtpPort: mail.inboundPort ?? null, webhook: Boolean(config.inboundSecret) }));
  });
  router.post("/api/mail/test", ...admin, async (req, res) => {
    const { to } = parseBody(mailTestSchema, req);
    res.status(202).json(await service.queueTest(to ?? req.principal!.user.email, localeOf(req)));
  });
  router.post("/api/mail/:id/retry", ...admin, async (req, res) => {
    res.json(await outbox.retry(String(req.params.id)));
  });
  router.get("/api/mail/templates", ...admin, (_req, res) => {
    res.json(MAIL_TEMPLATES.map((name) => ({ name, locales: LOCALES })));
  });
  router.get("/api/mail/templates/:name/preview", ...admin, (req, res) => {
    const name = String(req.params.name);
    if (!(MAIL_TEMPLATES as readonly string[]).includes(name)) throw new AppError("NOT_FOUND");
    const { locale } = parseQuery(previewQuery, req);
    res.json(previewMail(name as MailTemplateName, locale ?? localeOf(req)));
  });

  // A provider posts the raw RFC 822 message; the answer says what an SMTP server would have.
  router.post("/api/inbound-mail", express.raw({ type: () => true, limit: config.inboundMaxBytes }), async (req, res) => {
    if (!config.inboundSecret) throw new AppError("NOT_FOUND");
    if (!bearerMatches(req, config.inboundSecret)) throw new AppError("UNAUTHORIZED");
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError("BAD_REQUEST", "body");
    const { to } = parseQuery(inboundQuery, req);
    try {
      res.status(202).json(await mail.inbound.receive(req.body, to ? to.split(",") : []));
    } catch (err) {
      if (!(err instanceof InboundRefused)) throw err;
      res.status(err.responseCode === 552 ? 413 : 422).json({ error: { ...errorBody("BAD_REQUEST", localeOf(req)), message: err.message, smtpCode: err.responseCode } });
    }
  });
  return router;
}

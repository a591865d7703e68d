// Express glue: who is calling, in which language, and errors as JSON (never a stack trace or HTML).
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { parse as parseCookie } from "cookie";
import { errorBody, pickLocale, type Locale } from "@live-chat/protocol";
import type { ZodType } from "zod";
import { AppError, fromZod, toErrorBody } from "../errors.js";
import type { AuthService, Principal } from "../auth/service.js";
import { RateLimitedError } from "../auth/service.js";
import type { Logger } from "../log.js";

export const SESSION_COOKIE = "lc_session";

declare module "express-serve-static-core" {
  interface Request {
    principal?: Principal;
  }
}

/** The caller's language: an explicit X-Locale (the inbox's chosen language), the account's, else Accept-Language. */
export function localeOf(req: Request): Locale {
  const explicit = req.headers["x-locale"];
  if (explicit === "nl" || explicit === "en") return explicit;
  const fromUser = req.principal?.user.locale;
  if (fromUser === "nl" || fromUser === "en") return fromUser;
  return pickLocale(req.headers["accept-language"]);
}

export function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
  return cookies[SESSION_COOKIE];
}

export function requireAuth(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenOf(req);
    const principal = token ? await auth.authenticate(token) : null;
    if (!principal) throw new AppError("UNAUTHORIZED");
    req.principal = principal;
    next();
  };
}

export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (req.principal?.user.role !== "admin") throw new AppError("FORBIDDEN");
  next();
};

/** Whoever coaches the team: a lead or an admin. They review chats and read the team's reports. */
export function mayReview(user: { role: string }): boolean {
  return user.role === "lead" || user.role === "admin";
}

export const requireReviewer: RequestHandler = (req, _res, next) => {
  if (!req.principal || !mayReview(req.principal.user)) throw new AppError("FORBIDDEN");
  next();
};

export function parseBody<T>(schema: ZodType<T>, req: Request): T {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) throw fromZod(parsed.error, localeOf(req));
  return parsed.data;
}

export function parseQuery<T>(schema: ZodType<T>, req: Request): T {
  const parsed = schema.safeParse(req.query ?? {});
  if (!parsed.success) throw fromZod(parsed.error, localeOf(req));
  return parsed.data;
}

export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const locale = localeOf(req);
    const e = err as { type?: string; status?: number };
    if (e?.type === "entity.parse.failed") {
      return res.status(400).json({ error: errorBody("BAD_REQUEST", locale, undefined, locale === "nl" ? "De inhoud is geen geldige JSON." : "The body is not valid JSON.") });
    }
    if (e?.type === "entity.too.large") return res.status(413).json({ error: errorBody("BAD_REQUEST", locale) });
    // Express and body-parser mark what the caller got wrong (a path that is not valid percent-encoding, an
    // unsupported charset, an aborted body) with a 4xx status: that is a bad request, never a 500.
    if (!(err instanceof AppError) && typeof e?.status === "number" && e.status >= 400 && e.status < 500) {
      return res.status(e.status === 404 ? 404 : 400).json({ error: errorBody(e.status === 404 ? "NOT_FOUND" : "BAD_REQUEST", locale) });
    }
    if (err instanceof RateLimitedError) res.setHeader("Retry-After", String(err.retryAfterSeconds));
    if (!(err instanceof AppError)) log.error({ err, path: req.path }, "request failed");
    const { status, body } = toErrorBody(err, locale);
    res.status(status).json({ error: body });
  };
}

export function notFound(req: Request, res: Response): void {
  res.status(404).json({ error: errorBody("NOT_FOUND", localeOf(req)) });
}

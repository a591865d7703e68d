// Headers and cross-site protection for every HTTP response: helmet's defaults with a CSP per kind
// of page, and a same-origin check for state-changing requests that a browser authenticates by cookie.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";
import { AppError } from "../errors.js";
import { SESSION_COOKIE } from "./middleware.js";

const COMMON = { baseUri: ["'none'"], formAction: ["'self'"], objectSrc: ["'none'"] };

/** API answers and files are data, never pages: nothing may run or load from them. */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], ...COMMON };
/** The inbox holds customers' data: only its own code and styles, its own server, never framed. */
export const INBOX_CSP = { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:", "blob:"], connectSrc: ["'self'"], frameAncestors: ["'none'"], ...COMMON };
/** The demo host page: its own inline style sheet, the widget's script and socket from this server. */
export const DEMO_CSP = { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:", "blob:"], connectSrc: ["'self'"], frameAncestors: ["'self'"], ...COMMON };

/**
 * helmet on every response. The widget's script and the files it shows are loaded by customers'
 * sites, so resources may be embedded cross-origin (CORS still decides who may read the API).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    crossOriginResourcePolicy: { policy: "cross-origin" },
    referrerPolicy: { policy: "same-origin" },
  });
}

/** A page's own policy in place of the API's. */
export function pagePolicy(directives: typeof INBOX_CSP): RequestHandler {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sentSessionCookie(req: Request): boolean {
  return (req.headers.cookie ?? "").split(";").some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

/**
 * A state-changing request that the browser authenticates by the session cookie alone must come
 * from the server's own origin (Sec-Fetch-Site, else Origin). A bearer token or a visitor token is
 * never sent by a browser on its own, so those requests need no check; neither does a client that
 * sends no browser headers at all (a script with the cookie it was given).
 */
export const sameOriginForCookies: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization || !sentSessionCookie(req)) return next();
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") {
    if (site === "same-origin" || site === "none") return next();
    throw new AppError("CROSS_SITE_REQUEST");
  }
  const origin = req.headers.origin;
  if (origin === undefined) return next();
  const host = req.headers.host;
  if (host && (origin === `${req.protocol}://${host}`)) return next();
  throw new AppError("CROSS_SITE_REQUEST");
};

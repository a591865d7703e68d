// One error type for HTTP and sockets: a code from the protocol, rendered in the caller's language.
import { NOT_WELL_FORMED, errorBody, type ErrorBody, type ErrorCode, type Locale } from "@live-chat/protocol";
import type { ZodError } from "zod";

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNKNOWN_PLACEHOLDER: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_ASSIGNED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_ASSIGNED: 409,
  CAPACITY_REACHED: 409,
  CONVERSATION_CLOSED: 409,
  VISITOR_STILL_CONNECTED: 409,
  OPERATOR_UNAVAILABLE: 409,
  OPERATOR_AT_CAPACITY: 409,
  CROSS_SITE_REQUEST: 403,
  LAST_ADMIN: 409,
  CLOSED: 409,
  INVITATION_INVALID: 410,
  RATE_LIMITED: 429,
  ALREADY_ANSWERED: 409,
  MAIL_NOT_CONFIGURED: 409,
  NO_EMAIL_ADDRESS: 400,
  RESET_LINK_INVALID: 400,
  INTERNAL: 500,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_LIMIT_REACHED: 429,
  LINK_EXPIRED: 410,
  VISITOR_IN_CHAT: 409,
  CHAT_STILL_OPEN: 409,
  VISITOR_ERASED: 401,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    readonly detail?: string,
  ) {
    super(code);
  }
  get status(): number {
    return STATUS[this.code] ?? 400;
  }
  body(locale: Locale): ErrorBody {
    const base = errorBody(this.code, locale, this.field);
    return this.detail ? { ...base, message: `${base.message} (${this.detail})` } : base;
  }
}

const FIELD_HINT: Record<Locale, string> = { en: "check the field", nl: "controleer het veld" };
// Unicode well-formedness (issue #16)
const NOT_WELL_FORMED_HINT: Record<Locale, string> = { en: "contains characters that cannot be stored (a lone surrogate or NUL); send well-formed text", nl: "bevat tekens die niet bewaard kunnen worden (een losse surrogaat of NUL); stuur geldige tekst" };

/** Turns a failed zod parse into BAD_REQUEST naming the first field at fault. */
export function fromZod(error: ZodError, locale: Locale): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  if (issue?.message === NOT_WELL_FORMED) return new AppError("BAD_REQUEST", field, `"${field ?? ""}" ${NOT_WELL_FORMED_HINT[locale]}`);
  return new AppError("BAD_REQUEST", field, field ? `${FIELD_HINT[locale]} "${field}"` : undefined);
}

export function toErrorBody(err: unknown, locale: Locale): { status: number; body: ErrorBody } {
  if (err instanceof AppError) return { status: err.status, body: err.body(locale) };
  return { status: 500, body: errorBody("INTERNAL", locale) };
}

// Mail settings from the environment: outbound SMTP, reply addresses, the worker's pace, inbound mail.
export interface MailConfig {
  /** `smtp://user:pass@host:port` (query options such as `?tls.rejectUnauthorized=false` pass to nodemailer); unset = mail stays queued. */
  smtpUrl?: string;
  from: string;
  /** The domain of reply addresses `reply+<token>@<domain>`: MAIL_REPLY_DOMAIN, else MAIL_FROM's. */
  replyDomain: string;
  /** Where links in mails point when no request tells (the unanswered-chat alert). */
  publicUrl?: string;
  inboundSmtpPort?: number;
  inboundSmtpHost: string;
  /** PEM files that let the inbound listener offer STARTTLS (INBOUND_SMTP_TLS_CERT/KEY); unset = plain SMTP only. */
  inboundTls?: { certFile: string; keyFile: string };
  /** The largest inbound mail accepted, in bytes (SMTP SIZE and the webhook). */
  inboundMaxBytes: number;
  /** Bearer secret of `POST /api/inbound-mail`; unset = that route is off. */
  inboundSecret?: string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  leaseMs: number;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** The domain part of an address, also inside `Name <user@domain>`. */
export function domainOf(address: string): string | undefined {
  return /@([^>\s]+)>?\s*$/.exec(address)?.[1]?.toLowerCase();
}

export function mailConfig(env: NodeJS.ProcessEnv): MailConfig {
  const from = env.MAIL_FROM || "Live chat <no-reply@localhost>";
  const port = env.INBOUND_SMTP_PORT ? wholeNumber(env, "INBOUND_SMTP_PORT", 0) : undefined;
  const certFile = env.INBOUND_SMTP_TLS_CERT || undefined;
  const keyFile = env.INBOUND_SMTP_TLS_KEY || undefined;
  // One without the other would silently leave STARTTLS off: say so at start instead.
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error("INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY must be set together");
  return {
    smtpUrl: env.SMTP_URL || undefined,
    from,
    replyDomain: (env.MAIL_REPLY_DOMAIN || domainOf(from) || "localhost").toLowerCase(),
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, "") || undefined,
    inboundSmtpPort: port,
    inboundSmtpHost: env.INBOUND_SMTP_HOST || "127.0.0.1",
    ...(certFile && keyFile ? { inboundTls: { certFile, keyFile } } : {}),
    inboundMaxBytes: wholeNumber(env, "INBOUND_MAIL_MAX_BYTES", 10 * 1024 * 1024),
    inboundSecret: env.INBOUND_MAIL_SECRET || undefined,
    pollMs: Math.max(20, wholeNumber(env, "MAIL_POLL_MS", 2000)),
    retryBaseMs: wholeNumber(env, "MAIL_RETRY_BASE_MS", 30_000),
    maxAttempts: Math.max(1, wholeNumber(env, "MAIL_MAX_ATTEMPTS", 8)),
    leaseMs: Math.max(1000, wholeNumber(env, "MAIL_LEASE_MS", 120_000)),
  };
}

// A real SMTP server in the test process (smtp-server, with AUTH, optionally STARTTLS with a
// self-signed certificate), reading every mail with mailparser; it can go down and come back on
// the same port. Never a mock transport: the server under test speaks SMTP to it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export const SMTP_USER = { username: "mailer", password: "mail-secret-1" };

export interface SmtpSink {
  port: number;
  /** SMTP_URL for the server under test. */
  url: string;
  received: ParsedMail[];
  /** How each received mail came in, in the same order: over TLS or not, and the user it signed in as. */
  sessions: Array<{ secure: boolean; user?: string }>;
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh self-signed certificate for localhost, as PEM files (for the server's env) and their bytes. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer; keyFile: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "live-chat-tls-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), keyFile, certFile };
}

/** `auth: false` = a relay that takes mail from anyone (no AUTH offered, no credentials in the URL). */
export async function startSmtpSink(opts: { starttls?: boolean; auth?: boolean } = {}): Promise<SmtpSink> {
  const tls = opts.starttls ? selfSignedCertificate() : undefined;
  const auth = opts.auth ?? true;
  const received: ParsedMail[] = [];
  const sessions: SmtpSink["sessions"] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  const up = async () => {
    const next = new SMTPServer({
      ...(tls ? { key: tls.key, cert: tls.cert } : {}),
      disabledCommands: [...(tls ? [] : ["STARTTLS"]), ...(auth ? [] : ["AUTH"])],
      authOptional: !auth,
      authMethods: ["PLAIN", "LOGIN"],
      // Without TLS the test still signs in: AUTH over plain loopback.
      allowInsecureAuth: !tls,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === SMTP_USER.username && auth.password === SMTP_USER.password ? callback(null, { user: auth.username }) : callback(new Error("Invalid username or password")),
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            sessions.push({ secure: session.secure, ...(typeof session.user === "string" ? { user: session.user } : {}) });
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    await new Promise<void>((resolve) => next.listen(port, "127.0.0.1", () => resolve()));
    const address = next.server.address();
    port = typeof address === "object" && address ? address.port : port;
    server = next;
  };
  const down = async () => {
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  await up();
  const query = tls ? "?tls.rejectUnauthorized=false" : "";
  const credentials = auth ? `${SMTP_USER.username}:${SMTP_USER.password}@` : "";
  return { port, url: `smtp://${credentials}127.0.0.1:${port}${query}`, received, sessions, down, up, close: down };
}

export const headerOf = (mail: ParsedMail, name: string) => {
  const value = mail.headers.get(name);
  return typeof value === "string" ? value : undefined;
};

export const replyToOf = (mail: ParsedMail) => mail.replyTo?.value[0]?.address ?? "";
export const toOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? "";

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
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "live-chat-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
  return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
}

export async function startSmtpSink(opts: { starttls?: boolean } = {}): Promise<SmtpSink> {
  const tls = opts.starttls ? selfSignedCertificate() : undefined;
  const received: ParsedMail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  const up = async () => {
    const next = new SMTPServer({
      ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ["STARTTLS"] }),
      authMethods: ["PLAIN", "LOGIN"],
      // Without TLS the test still signs in: AUTH over plain loopback.
      allowInsecureAuth: !tls,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === SMTP_USER.username && auth.password === SMTP_USER.password ? callback(null, { user: auth.username }) : callback(new Error("Invalid username or password")),
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
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
  return { port, url: `smtp://${SMTP_USER.username}:${SMTP_USER.password}@127.0.0.1:${port}${query}`, received, down, up, close: down };
}

export const headerOf = (mail: ParsedMail, name: string) => {
  const value = mail.headers.get(name);
  return typeof value === "string" ? value : undefined;
};

export const replyToOf = (mail: ParsedMail) => mail.replyTo?.value[0]?.address ?? "";
export const toOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? "";

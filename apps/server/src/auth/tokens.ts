// Operator sessions are signed JWTs naming a Session row (so a sign-out or deactivation revokes them);
// visitor tokens carry the visitor's id under a MAC (so no row is needed until the visitor does
// something worth keeping) and are stored only as an HMAC under the session secret.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";

const SESSION_DAYS = 30;
const SIGNED_VISITOR_PREFIX = "vt1_";
const SIGNED_VISITOR_TOKEN = /^vt1_(v[0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/;

export class TokenService {
  private readonly key: Uint8Array;
  constructor(private readonly secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  get sessionLifetimeMs(): number {
    return SESSION_DAYS * 86_400_000;
  }

  async signSession(userId: string, sessionId: string): Promise<string> {
    return new SignJWT({ sid: sessionId, typ: "operator" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_DAYS}d`)
      .sign(this.key);
  }

  async verifySession(token: string): Promise<{ userId: string; sessionId: string } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"] });
      if (payload.typ !== "operator" || typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return null;
    }
  }

  newVisitorToken(): string {
    return this.newVisitor().token;
  }

  /** A fresh visitor id and the token that proves it; the Visitor row may follow later, under the same id. */
  newVisitor(): { id: string; token: string } {
    const id = "v" + randomBytes(12).toString("hex");
    return { id, token: `${SIGNED_VISITOR_PREFIX}${id}.${this.mac("visitor-token", id)}` };
  }

  /** The visitor id a signed token proves, or null (a forged, altered or older random token). */
  visitorIdOf(token: string): string | null {
    const match = SIGNED_VISITOR_TOKEN.exec(token);
    if (!match) return null;
    const [, id, mac] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.mac("visitor-token", id));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  hashVisitorToken(token: string): string {
    return createHmac("sha256", this.secret).update(token).digest("hex");
  }

  /**
   * A MAC under the session secret for one `purpose` (a mail reply address, a file link), so no purpose can stand
   * in for another; hex where it must survive case-folding (an e-mail address), base64url where it is shorter.
   */
  mac(purpose: string, data: string, encoding: "hex" | "base64url" = "base64url"): string {
    return createHmac("sha256", this.secret).update(`${purpose}\n${data}`).digest(encoding);
  }
}

/** Verifies a host site's identity JWT (HS256 with WIDGET_IDENTITY_SECRET) proving a visitor's name/email. */
export async function verifyIdentity(jwt: string, secret: string): Promise<{ name?: string; email?: string } | null> {
  try {
    const { payload } = await jwtVerify(jwt, new TextEncoder().encode(secret), { algorithms: ["HS256"] });
    const name = typeof payload.name === "string" ? payload.name.slice(0, 100) : undefined;
    const email = typeof payload.email === "string" ? payload.email.slice(0, 254) : undefined;
    return { name, email };
  } catch {
    return null;
  }
}

// Operator sessions are signed JWTs naming a Session row (so a sign-out or deactivation revokes them);
// visitor tokens are random and stored only as an HMAC under the session secret.
import { createHmac, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";

const SESSION_DAYS = 30;

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
    return "vt_" + randomBytes(32).toString("base64url");
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

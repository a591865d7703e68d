// Sign-in, sessions and the first admin. Failed sign-ins are limited per account and per address.
import { randomBytes } from "node:crypto";
import type { User } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { rooms } from "../context.js";
import { AppError } from "../errors.js";
import type { User as UserRow } from "../generated/sqlite/client.js";
import { FailureLimit } from "./failure-limit.js";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords.js";

export interface Principal {
  user: UserRow;
  sessionId: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as User["role"],
    maxChats: row.maxChats,
    active: row.active,
    presence: row.presence as User["presence"],
    locale: row.locale as User["locale"],
    hasPassword: row.passwordHash !== null,
  };
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED");
  }
}

export class AuthService {
  // 10 failures per account and 50 per address in 15 minutes; each window clears by itself.
  private readonly perAccount = new FailureLimit(10, 15 * 60);
  private readonly perAddress = new FailureLimit(50, 15 * 60);
  /** Principals cached briefly so a burst of requests does not hit the database each time. */
  private readonly cache = new Map<string, { principal: Principal; at: number }>();

  constructor(private readonly ctx: Context) {}

  async login(emailInput: string, password: string, address: string): Promise<{ token: string; user: User }> {
    const email = emailInput.trim().toLowerCase();
    const wait = Math.max(await this.perAccount.waitSeconds(email), await this.perAddress.waitSeconds(address));
    if (wait > 0) throw new RateLimitedError(wait);
    const user = await this.ctx.db.user.findUnique({ where: { email } });
    // No account, or an invited one without a password yet: the same work, so timing tells nothing.
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await dummyPasswordHash(), password);
    if (!user || !ok || !user.active || !user.passwordHash) {
      await Promise.all([this.perAccount.fail(email), this.perAddress.fail(address)]);
      throw new AppError("INVALID_CREDENTIALS");
    }
    return this.startSession(user.id);
  }

  /** A new signed-in session for this user (after a password or an invitation link was accepted). */
  async startSession(userId: string): Promise<{ token: string; user: User }> {
    const session = await this.ctx.db.session.create({ data: { userId, expiresAt: new Date(Date.now() + this.ctx.tokens.sessionLifetimeMs) }, include: { user: true } });
    return { token: await this.ctx.tokens.signSession(userId, session.id), user: toUser(session.user) };
  }

  async authenticate(token: string): Promise<Principal | null> {
    const hit = this.cache.get(token);
    if (hit && Date.now() - hit.at < 2_000) return hit.principal;
    const claims = await this.ctx.tokens.verifySession(token);
    if (!claims) return null;
    const session = await this.ctx.db.session.findUnique({ where: { id: claims.sessionId }, include: { user: true } });
    if (!session || session.revokedAt || session.expiresAt < new Date() || session.userId !== claims.userId || !session.user.active) {
      this.cache.delete(token);
      return null;
    }
    const principal = { user: session.user, sessionId: session.id };
    this.cache.set(token, { principal, at: Date.now() });
    if (this.cache.size > 10_000) this.cache.clear();
    return principal;
  }

  async setLocale(userId: string, locale: "nl" | "en"): Promise<UserRow> {
    const row = await this.ctx.db.user.update({ where: { id: userId }, data: { locale } });
    this.cache.clear();
    return row;
  }

  /** A changed role counts from the next request on, not after the cache has aged. */
  forgetCachedPrincipals(): void {
    this.cache.clear();
  }

  async logout(sessionId: string): Promise<void> {
    await this.ctx.db.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    this.cache.clear();
    this.ctx.operators.to(`session:${sessionId}`).emit("session:ended", { reason: "signed_out" });
    this.ctx.operators.in(`session:${sessionId}`).disconnectSockets(true);
  }

  /** Signs a user out everywhere at once (deactivation, password reset). */
  async revokeAll(userId: string, reason: "deactivated" | "signed_out"): Promise<void> {
    await this.ctx.db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    this.cache.clear();
    this.ctx.operators.to(rooms.operator(userId)).emit("session:ended", { reason });
    this.ctx.operators.in(rooms.operator(userId)).disconnectSockets(true);
  }

  /**
   * ADMIN_EMAIL/ADMIN_PASSWORD create that admin if missing; with neither and no admin at all,
   * admin@localhost gets a random password, printed once.
   */
  async ensureAdmin(): Promise<void> {
    const { adminEmail, adminPassword } = this.ctx.config;
    if (adminEmail && adminPassword) {
      const email = adminEmail.trim().toLowerCase();
      const existing = await this.ctx.db.user.findUnique({ where: { email } });
      if (!existing) {
        await this.ctx.db.user.create({ data: { email, name: "Admin", role: "admin", passwordHash: await hashPassword(adminPassword) } });
        this.ctx.log.info({ email }, "created admin from ADMIN_EMAIL");
      }
      return;
    }
    const admins = await this.ctx.db.user.count({ where: { role: "admin" } });
    if (admins > 0) return;
    const password = randomBytes(12).toString("base64url");
    await this.ctx.db.user.create({ data: { email: "admin@localhost", name: "Admin", role: "admin", passwordHash: await hashPassword(password) } });
    // Printed once, on purpose, on the console rather than in the structured log.
    console.log(`\n  First admin created. Sign in at /inbox with\n    email:    admin@localhost\n    password: ${password}\n  and change the password in Users.\n`);
  }
}

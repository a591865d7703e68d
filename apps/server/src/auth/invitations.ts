// One-time links with which a user chooses their password: the invitation of a new colleague, or
// a reset an admin hands over instead of typing a password for someone. The token is 256 random
// bits, shown once to the admin who made it; only its SHA-256 is stored. Using it signs the user in.
import { createHash, randomBytes } from "node:crypto";
import { FailureLimit } from "./failure-limit.js";
import type { InvitationInfo, InvitationLink, Locale, User } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { AppError } from "../errors.js";
import { hashPassword } from "./passwords.js";
import type { Prisma } from "../generated/sqlite/client.js";
import { RateLimitedError, type AuthService } from "./service.js";

export const INVITATION_LIFETIME_MS = 7 * 86_400_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export class InvitationService {
  // A token cannot be guessed, but a script hammering the route is still turned away.
  private readonly failures = new FailureLimit(30, 15 * 60);

  constructor(
    private readonly ctx: Context,
    private readonly auth: AuthService,
  ) {}

  /**
   * A new link for this user; their earlier unused links stop working. `alsoWrite` is written in the
   * same transaction (the mail that carries the link); `lifetimeMs` shortens a self-service reset.
   */
  async create(userId: string, createdById: string | null, origin: string, opts: { lifetimeMs?: number; alsoWrite?: (link: InvitationLink) => Prisma.PrismaPromise<unknown> } = {}): Promise<InvitationLink> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + (opts.lifetimeMs ?? INVITATION_LIFETIME_MS));
    const link = { token, url: `${origin}/inbox/#invite=${token}`, expiresAt: expiresAt.toISOString() };
    await this.ctx.db.$transaction([
      this.ctx.db.invitation.deleteMany({ where: { userId, usedAt: null } }),
      this.ctx.db.invitation.create({ data: { userId, createdById, tokenHash: hashToken(token), expiresAt } }),
      ...(opts.alsoWrite ? [opts.alsoWrite(link)] : []),
    ]);
    return link;
  }

  async peek(token: string, address: string): Promise<InvitationInfo> {
    const row = await this.usable(token, address);
    return {
      email: row.user.email,
      name: row.user.name,
      locale: row.user.locale as Locale,
      expiresAt: row.expiresAt.toISOString(),
      reset: row.user.passwordHash !== null,
    };
  }

  /**
   * Sets the password and signs the user in. The link works once: of two tabs racing with it, one
   * wins. A reset also signs the user out everywhere else.
   */
  async accept(token: string, password: string, address: string): Promise<{ token: string; user: User }> {
    const row = await this.usable(token, address);
    const passwordHash = await hashPassword(password);
    const now = new Date();
    const used = await this.ctx.db.invitation.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError("INVITATION_INVALID");
    await this.ctx.db.user.update({ where: { id: row.userId }, data: { passwordHash } });
    if (row.user.passwordHash !== null) await this.auth.revokeAll(row.userId, "signed_out");
    return this.auth.startSession(row.userId);
  }

  private async usable(token: string, address: string) {
    const wait = await this.failures.waitSeconds(address);
    if (wait > 0) throw new RateLimitedError(wait);
    const row = await this.ctx.db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
    if (!row || row.usedAt || row.expiresAt <= new Date() || !row.user.active) {
      await this.failures.fail(address);
      throw new AppError("INVITATION_INVALID");
    }
    return row;
  }
}

// Users: admins create operators and admins, set capacity, deactivate; the last admin stays.
import { Router, type Request } from "express";
import { createUserSchema, updateUserSchema } from "@live-chat/protocol";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import type { InvitationService } from "../../auth/invitations.js";
import { toUser } from "../../auth/service.js";
import { hashPassword } from "../../auth/passwords.js";
import type { RoutingService } from "../../routing/service.js";
import { AppError } from "../../errors.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { audit } from "../audit.js";
import { parseBody, requireAdmin, requireAuth } from "../middleware.js";
import type { MailService } from "../../mail/service.js";

/** Where the server is reached from the admin's browser: the base of a link made for someone else. */
const originOf = (req: Request) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

export function userRoutes(ctx: Context, auth: AuthService, routing: RoutingService, invitations: InvitationService, mail: Pick<MailService, "invitationMail">): Router {
  const router = Router();
  router.use("/api/users", requireAuth(auth), requireAdmin);

  router.get("/api/users", async (_req, res) => {
    const rows = await ctx.db.user.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }] });
    res.json(rows.map(toUser));
  });

  router.post("/api/users", async (req, res) => {
    const input = parseBody(createUserSchema, req);
    const settings = await ctx.settings.get();
    try {
      const row = await ctx.db.user.create({
        data: {
          email: input.email.toLowerCase(),
          name: input.name,
          role: input.role,
          maxChats: input.maxChats ?? settings.defaultMaxChats,
          locale: input.locale ?? "en",
          passwordHash: input.password === undefined ? null : await hashPassword(input.password),
        },
      });
      await audit(ctx.db, req.principal!.user.id, "user", row.id, "created", { email: row.email, role: row.role, ...(input.invite ? { invited: true } : {}) });
      const alsoWrite = mail.invitationMail(row, req.principal!.user.name);
      const invitation = input.invite ? await invitations.create(row.id, req.principal!.user.id, originOf(req), { alsoWrite }) : undefined;
      res.status(201).json({ ...toUser(row), ...(invitation ? { invitation } : {}) });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new AppError("CONFLICT", "email");
      throw err;
    }
  });

  const loadUser = async (id: string) => {
    const row = await ctx.db.user.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };

  /** Refuses a change that would leave no active admin. */
  const keepsAnAdmin = async (id: string) => {
    const others = await ctx.db.user.count({ where: { role: "admin", active: true, id: { not: id } } });
    if (others === 0) throw new AppError("LAST_ADMIN");
  };

  router.patch("/api/users/:id", async (req, res) => {
    const input = parseBody(updateUserSchema, req);
    const existing = await loadUser(String(req.params.id));
    const losesAdmin = existing.role === "admin" && existing.active && ((input.role && input.role !== "admin") || input.active === false);
    if (losesAdmin) await keepsAnAdmin(existing.id);
    try {
      const row = await ctx.db.user.update({
        where: { id: existing.id },
        data: {
          ...(input.email ? { email: input.email.toLowerCase() } : {}),
          ...(input.name ? { name: input.name } : {}),
          ...(input.role ? { role: input.role } : {}),
          ...(input.maxChats ? { maxChats: input.maxChats } : {}),
          ...(input.locale ? { locale: input.locale } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
        },
      });
      const { password: _password, ...logged } = input;
      await audit(ctx.db, req.principal!.user.id, "user", row.id, "updated", { ...logged, ...(input.password ? { passwordReset: true } : {}) });
      // A password set by the admin replaces any link still out for choosing one.
      if (input.password) await ctx.db.invitation.deleteMany({ where: { userId: row.id, usedAt: null } });
      if (input.active === false) {
        await auth.revokeAll(row.id, "deactivated");
        await routing.requeueChatsOf(row.id);
      } else if (input.password && row.id !== req.principal!.user.id) {
        await auth.revokeAll(row.id, "signed_out");
      }
      if (input.maxChats) routing.requestDrain();
      if (input.role && input.role !== existing.role) auth.forgetCachedPrincipals();
      res.json(toUser(row));
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new AppError("CONFLICT", "email");
      throw err;
    }
  });

  /** A new one-time link: for an invitation that expired, or to let someone choose a new password. */
  router.post("/api/users/:id/invitation", async (req, res) => {
    const existing = await loadUser(String(req.params.id));
    if (!existing.active) throw new AppError("CONFLICT", "active");
    const invitation = await invitations.create(existing.id, req.principal!.user.id, originOf(req), { alsoWrite: mail.invitationMail(existing, req.principal!.user.name) });
    await audit(ctx.db, req.principal!.user.id, "user", existing.id, existing.passwordHash === null ? "invited" : "reset_link");
    res.status(201).json(invitation);
  });

  router.delete("/api/users/:id", async (req, res) => {
    const existing = await loadUser(String(req.params.id));
    if (existing.role === "admin" && existing.active) await keepsAnAdmin(existing.id);
    await ctx.db.user.update({ where: { id: existing.id }, data: { active: false, presence: "offline" } });
    await audit(ctx.db, req.principal!.user.id, "user", existing.id, "deactivated");
    await auth.revokeAll(existing.id, "deactivated");
    await routing.requeueChatsOf(existing.id);
    res.status(204).end();
  });
  return router;
}

// Attachments over HTTP: uploads by a visitor or an operator, the signed links that serve them, and
// the file an admin puts on a canned reply.
import { Router, type Request } from "express";
import { z } from "zod";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import type { Caller, FileService, Uploader } from "../../files/service.js";
import { AppError } from "../../errors.js";
import { toCannedReply } from "../../conversation/present-canned-reply.js";
import type { HttpAnnouncer } from "../announcer.js";
import type { VisitorIdentities } from "../../auth/visitors.js";
import { audit } from "../audit.js";
import { parseBody, requireAdmin, requireAuth, tokenOf } from "../middleware.js";

const VISITOR_SCHEME = "Visitor ";
const cannedAttachmentSchema = z.strictObject({ attachmentId: z.string().min(1).max(64).nullable() });

/** The visitor behind `Authorization: Visitor <visitorToken>`, if that header is sent; a wrong token is refused. */
async function visitorOf(identities: VisitorIdentities, req: Request): Promise<string | undefined> {
  const header = req.headers.authorization;
  if (!header?.startsWith(VISITOR_SCHEME)) return undefined;
  const visitorId = await identities.idOf(header.slice(VISITOR_SCHEME.length).trim());
  if (!visitorId) throw new AppError("UNAUTHORIZED");
  return visitorId;
}

async function callerOf(identities: VisitorIdentities, auth: AuthService, req: Request): Promise<Caller> {
  const visitorId = await visitorOf(identities, req);
  const token = tokenOf(req);
  const principal = token ? await auth.authenticate(token) : null;
  if (principal) req.principal = principal;
  return { operator: principal !== null, ...(visitorId ? { visitorId } : {}) };
}

export function fileRoutes(ctx: Context, auth: AuthService, files: FileService, broadcast: HttpAnnouncer, identities: VisitorIdentities): Router {
  const router = Router();

  router.post("/api/files", async (req, res) => {
    const caller = await callerOf(identities, auth, req);
    const uploader: Uploader | undefined = caller.visitorId ? { type: "visitor", id: caller.visitorId } : req.principal ? { type: "operator", id: req.principal.user.id } : undefined;
    if (!uploader) throw new AppError("UNAUTHORIZED");
    const row = await files.upload(req, uploader);
    res.status(201).json(files.present(row, uploader.type === "visitor" ? { kind: "visitor", visitorId: uploader.id } : { kind: "operator" }));
  });

  for (const [path, variant] of [["/api/files/:id", "file"], ["/api/files/:id/thumbnail", "thumbnail"]] as const) {
    router.get(path, async (req, res) => {
      const served = await files.serve(String(req.params.id), variant, req.query, await callerOf(identities, auth, req));
      res.set(served.headers);
      served.stream.on("error", (err) => {
        ctx.log.error({ err, id: req.params.id }, "file could not be read");
        res.destroy();
      });
      served.stream.pipe(res);
    });
  }

  router.put("/api/canned-replies/:id/attachment", requireAuth(auth), requireAdmin, async (req, res) => {
    const { attachmentId } = parseBody(cannedAttachmentSchema, req);
    const reply = await ctx.db.cannedReply.findUnique({ where: { id: String(req.params.id) } });
    if (!reply) throw new AppError("NOT_FOUND");
    if (attachmentId) {
      // Only a team upload not yet sent in any chat can become a reply's file.
      const row = await ctx.db.attachment.findUnique({ where: { id: attachmentId } });
      if (!row || row.uploaderType !== "operator" || row.messageId) throw new AppError("BAD_REQUEST", "attachmentId");
    }
    const updated = await ctx.db.cannedReply.update({ where: { id: reply.id }, data: { attachmentId } });
    await audit(ctx.db, req.principal!.user.id, "canned_reply", reply.id, "updated", { attachmentId });
    broadcast.cannedRepliesChanged();
    const [presented] = await files.attachments.presentCannedReplies([toCannedReply(updated)], [updated]);
    res.json(presented);
  });

  return router;
}

// Who a visitor's widget is: resumed from its token or new. The Visitor row is written only when the
// visitor does something worth keeping (opens a chat, leaves a message), so an idle or scripted
// connection costs no database write; the signed token carries the id until then. A token whose
// visitor was erased (GDPR) leads nowhere: the id is tombstoned and refused everywhere.
import { Prisma } from "../generated/sqlite/client.js";
import { AppError } from "../errors.js";
import type { Db } from "../store/db.js";
import type { TokenService } from "./tokens.js";

/**
 * What the handshake learnt about the visitor: written to their row now (a stored visitor) or when it is
 * created. Always built by `visitorProfile` with every field present (undefined where unknown), so the
 * profiles of thousands of waiting visitors share one object shape.
 */
export type VisitorProfile = {
  name: string | undefined;
  email: string | undefined;
  verified: true | undefined;
  timeZone: string | undefined;
  pageUrl: string | undefined;
  userAgent: string | null;
  locale: string;
  lastSeenAt: Date;
};

export function visitorProfile(fields: Partial<VisitorProfile> & Pick<VisitorProfile, "userAgent" | "locale" | "lastSeenAt">): VisitorProfile {
  return { name: fields.name, email: fields.email, verified: fields.verified, timeZone: fields.timeZone, pageUrl: fields.pageUrl, userAgent: fields.userAgent, locale: fields.locale, lastSeenAt: fields.lastSeenAt };
}

export type KnownVisitor = { id: string; token: string; stored: boolean };

export class VisitorIdentities {
  constructor(private readonly db: Db, private readonly tokens: TokenService) {}

  /**
   * The visitor behind `token`: a stored one gets the handshake's profile (a verified name or email
   * changes only by a new verified identity); a signed token without a row stays unwritten; an
   * erased visitor's token is "erased"; anything else is null. For both the caller makes a new visitor.
   */
  async resume(token: string, profile: VisitorProfile, identityVerified: boolean): Promise<KnownVisitor | "erased" | null> {
    const row = await this.db.visitor.findUnique({ where: { tokenHash: this.tokens.hashVisitorToken(token) }, select: { id: true, verified: true } });
    if (row) {
      const { name: _name, email: _email, ...rest } = profile;
      await this.db.visitor.update({ where: { id: row.id }, data: row.verified && !identityVerified ? rest : profile });
      return { id: row.id, token, stored: true };
    }
    const id = this.tokens.visitorIdOf(token);
    if (!id) return null;
    return (await this.isErased(id)) ? "erased" : { id, token, stored: false };
  }

  /** Only an id without a Visitor row can be erased (erasure deletes the row), so a stored visitor costs no second read. */
  private async isErased(id: string): Promise<boolean> {
    return (await this.db.erasedVisitor.count({ where: { id } })) > 0;
  }

  /** A new visitor: an id and its token, nothing written. */
  create(): KnownVisitor {
    return { ...this.tokens.newVisitor(), stored: false };
  }

  /** Writes the visitor's row if it is not there yet (two tabs may race: the second finds the first's row). */
  async keep(id: string, token: string, profile: VisitorProfile): Promise<void> {
    // A widget that connected just before its visitor was erased must not bring the row back.
    if (await this.isErased(id)) throw new AppError("VISITOR_ERASED");
    try {
      await this.db.visitor.upsert({ where: { id }, create: { ...profile, id, tokenHash: this.tokens.hashVisitorToken(token) }, update: {} });
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    }
  }

  /** The visitor id a token proves, stored or not (the HTTP `Authorization: Visitor` scheme); an erased visitor's token is refused. */
  async idOf(token: string): Promise<string | null> {
    const row = await this.db.visitor.findUnique({ where: { tokenHash: this.tokens.hashVisitorToken(token) }, select: { id: true } });
    if (row) return row.id;
    const id = this.tokens.visitorIdOf(token);
    if (id && (await this.isErased(id))) throw new AppError("VISITOR_ERASED");
    return id;
  }
}

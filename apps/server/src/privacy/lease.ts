// Jobs that must run on one node of a cluster at a time: a lease row in the shared database that a
// node takes only while it has run out (a conditional update, or the first insert), so two nodes
// asking at the same moment get one yes between them, on SQLite and PostgreSQL alike.
import type { Db } from "../store/db.js";
import { Prisma } from "../generated/sqlite/client.js";

/** True when `holder` now holds the lease `name` until `ms` from now. */
export async function takeLease(db: Db, name: string, holder: string, ms: number, now = new Date()): Promise<boolean> {
  const until = new Date(now.getTime() + ms);
  const taken = await db.jobLease.updateMany({ where: { name, until: { lt: now } }, data: { holder, until } });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, until } });
    return true;
  } catch (err) {
    // The row exists (another node holds it, or inserted it just now): not ours this time.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return false;
    throw err;
  }
}

// Issue #16: a bare connection writes nothing; the Visitor row comes with the first chat, under the id the token carried.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, emitAck, type VisitorSocket } from "../support/clients.js";
import { POSTGRES_URL, requireServices } from "../support/services.js";

const BARE_CONNECTIONS = 1000;
const started: TestServer[] = [];
afterAll(async () => {
  for (const server of started) await server.close();
});

async function databaseUrl(kind: "sqlite" | "postgresql"): Promise<string | null> {
  if (kind === "sqlite") return `file:${join(mkdtempSync(join(tmpdir(), "live-chat-")), "chat.db")}`;
  if (!(await requireServices(["postgres"], "idle visitors on PostgreSQL"))) return null;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", `lc_idle_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`);
  return url.toString();
}

describe.each(["sqlite", "postgresql"] as const)("on %s", (kind) => {
  it(`${BARE_CONNECTIONS} bare connections create no Visitor row; the first chat creates one under the token's id`, async () => {
    const url = await databaseUrl(kind);
    if (!url) return;
    const server = await startTestServer({ DATABASE_URL: url });
    started.push(server);
    const before = await server.ctx.db.visitor.count();

    // In waves, so a loaded 2-core machine finishes each handshake well inside its timeout.
    const sessions: Array<{ visitorId: string; visitorToken: string }> = [];
    for (let wave = 0; wave < BARE_CONNECTIONS / 50; wave++) {
      const opened = await Promise.all(Array.from({ length: 50 }, () => connectVisitor(server.url, {})));
      for (const { socket, session } of opened) {
        sessions.push({ visitorId: session.visitorId, visitorToken: session.visitorToken });
        socket.close();
      }
    }
    expect(new Set(sessions.map((s) => s.visitorId)).size).toBe(BARE_CONNECTIONS);
    expect(await server.ctx.db.visitor.count()).toBe(before);

    // The token handed out at the handshake stays valid without a row: the same visitor comes back.
    const first = sessions[0]!;
    const again = await connectVisitor(server.url, { visitorToken: first.visitorToken, name: "Ada" });
    const socket: VisitorSocket = again.socket;
    expect(again.session.visitorId).toBe(first.visitorId);
    expect(again.session.visitorToken).toBe(first.visitorToken);
    expect(await server.ctx.db.visitor.count()).toBe(before);

    const start = await emitAck(socket, "conversation:start", { body: "Mijn bestelling is niet aangekomen", clientId: "c-1" });
    expect(start.ok).toBe(true);
    const row = await server.ctx.db.visitor.findUnique({ where: { id: first.visitorId } });
    expect(row?.name).toBe("Ada");
    expect(await server.ctx.db.visitor.count()).toBe(before + 1);
    socket.close();

    // A token whose signature was altered proves nothing: that connection is a new visitor.
    const forged = first.visitorToken.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const stranger = await connectVisitor(server.url, { visitorToken: forged });
    expect(stranger.session.visitorId).not.toBe(first.visitorId);
    stranger.socket.close();
  }, 240_000);
});

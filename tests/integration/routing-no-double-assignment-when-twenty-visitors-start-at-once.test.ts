import { afterAll, describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, emitAck, eventually, sleep, type VisitorSocket } from "../support/clients.js";
import { databaseKind } from "../support/database.js";
import { conversations, member, type TeamMember } from "./routing-support.js";

const ROUNDS = Number(process.env.ROUTING_BURST_ROUNDS ?? 20);
const VISITORS = 20;
const OPERATORS = 5;

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers.reverse()) await s.close();
});

interface RoundFigures {
  msToSettle: number[];
}

/**
 * Rounds of VISITORS chats started in the same instant against OPERATORS operators with one slot
 * each (routed and claimed by hand at once), spread over the given nodes; after each round every
 * chat ends and the next round begins.
 */
async function burstRounds(nodes: TestServer[], rounds: number): Promise<RoundFigures> {
  const admin = nodes[0]!;
  const team: TeamMember[] = [];
  for (let i = 0; i < OPERATORS; i++) team.push(await member({ url: nodes[i % nodes.length]!.url, adminToken: admin.adminToken }, `Burst${i}`, 1));
  const figures: RoundFigures = { msToSettle: [] };

  for (let round = 0; round < rounds; round++) {
    for (const op of team) op.assigned.length = 0;
    const visitors: VisitorSocket[] = await Promise.all(
      Array.from({ length: VISITORS }, async (_, i) => (await connectVisitor(nodes[i % nodes.length]!.url, { name: `r${round}v${i}`, locale: "en" })).socket),
    );
    const started = performance.now();
    // While routing hands out the chats, operators also grab every other one by hand: two ways in
    // to the same chats and slots, so only the database's conditional updates keep them apart.
    const claims: Array<Promise<{ ok: boolean; error?: { code: string } }>> = [];
    const acks = await Promise.all(
      visitors.map(async (socket, i) => {
        const ack = await emitAck(socket, "conversation:start", { body: `round ${round}, visitor ${i}`, clientId: `r${round}-${i}` });
        if (ack.ok && i % 2 === 0) claims.push(emitAck(team[(i / 2 + round) % OPERATORS]!.socket, "conversation:claim", { conversationId: ack.conversation.id }));
        return ack;
      }),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    for (const claim of await Promise.all(claims)) {
      if (!claim.ok) expect(["ALREADY_ASSIGNED", "CAPACITY_REACHED"]).toContain(claim.error?.code);
    }
    const ids = new Set(acks.map((a) => a.conversation.id as string));
    expect(ids.size).toBe(VISITORS);

    const ofRound = async () => (await conversations(admin)).filter((c) => ids.has(c.id));
    await eventually(async () => {
      const listed = await ofRound();
      expect(listed.filter((c) => c.status === "active")).toHaveLength(OPERATORS);
      expect(team.reduce((n, op) => n + op.assigned.length, 0)).toBe(OPERATORS);
    }, 15_000);
    figures.msToSettle.push(performance.now() - started);
    // Let any late, wrong assignment show itself before judging.
    await sleep(150);

    const listed = await ofRound();
    const active = listed.filter((c) => c.status === "active");
    expect(active).toHaveLength(OPERATORS);
    expect(listed.filter((c) => c.status === "queued")).toHaveLength(VISITORS - OPERATORS);
    // Each operator was told of exactly one chat, and no chat was told to two operators.
    const told = new Map<string, string>();
    for (const op of team) {
      expect(op.assigned.length, `${op.name} in round ${round}`).toBe(1);
      for (const c of op.assigned) {
        expect(told.has(c.id), `chat ${c.id} told to two operators`).toBe(false);
        told.set(c.id, op.id);
      }
    }
    // The stored owner is the one who was told; no operator holds two.
    for (const c of active) expect(c.operator?.id).toBe(told.get(c.id));
    expect(new Set(active.map((c) => c.operator?.id)).size).toBe(OPERATORS);
    // The capacity counters agree with what is stored.
    const roster = await emitAck(team[0]!.socket, "operators:list", {});
    for (const op of team) expect(roster.operators.find((o: { id: string }) => o.id === op.id)).toMatchObject({ openChats: 1, maxChats: 1 });

    await Promise.all(visitors.map((socket, i) => emitAck(socket, "conversation:leave", { conversationId: acks[i]!.conversation.id })));
    // A visitor who leaves frees their operator's seat at once, so a queued chat may be handed out before its own
    // visitor's leave is handled: its operator closes it too, like the first ones.
    await eventually(async () => {
      for (const c of (await ofRound()).filter((c) => c.status === "active" || c.status === "wrapping_up")) {
        const owner = team.find((op) => op.id === c.operator?.id)!;
        expect(await emitAck(owner.socket, "conversation:close", { conversationId: c.id })).toMatchObject({ ok: true });
      }
      expect((await ofRound()).filter((c) => c.status !== "closed" && c.status !== "queued")).toHaveLength(0);
    });
    await eventually(async () => {
      const after = await emitAck(team[0]!.socket, "operators:list", {});
      for (const op of team) expect(after.operators.find((o: { id: string }) => o.id === op.id)?.openChats).toBe(0);
      expect((await ofRound()).every((c: Conversation) => c.status === "closed")).toBe(true);
    });
    for (const socket of visitors) socket.close();
  }
  for (const op of team) op.socket.close();
  return figures;
}

function report(label: string, figures: RoundFigures): void {
  const sorted = [...figures.msToSettle].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  console.log(`${label}: ${sorted.length} rounds, start→all five assigned median ${median.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
}

describe("a burst of visitors", () => {
  it(`never assigns a chat twice nor over capacity: ${VISITORS} visitors at once against ${OPERATORS} operators with one slot, ${ROUNDS} rounds`, async () => {
    const server = await startTestServer();
    servers.push(server);
    report(`one node (${databaseKind()})`, await burstRounds([server], ROUNDS));
  }, 60_000 + ROUNDS * 10_000);

  it.runIf(databaseKind() === "postgresql")(
    `never assigns a chat twice across two cluster nodes sharing one database, ${ROUNDS} rounds`,
    async () => {
      const redis = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" };
      const first = await startTestServer(redis);
      servers.push(first);
      const second = await startTestServer({ ...redis, DATABASE_URL: first.databaseUrl });
      servers.push(second);
      report("two nodes (postgresql + redis)", await burstRounds([first, second], ROUNDS));
    },
    60_000 + ROUNDS * 10_000,
  );
});

// Crash safety, proven: a mixed load (messages both ways, assignments, transfers, leaving, closing)
// against a real server process, killed with SIGKILL at a random moment, restarted on the same
// database, for CRASH_ROUNDS rounds (3 by default). After every restart: each acknowledged message
// is stored once, with its acknowledged seq, gap-free and in order; no chat stays with an operator
// who is gone; the queue keeps its order. The counts are printed.
import { afterAll, describe, expect, it } from "vitest";
import type { Conversation, Message } from "@live-chat/protocol";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { ADMIN, api, connectOperator, connectVisitor, createOperator, emitAck, eventually, login, sleep, type OperatorSocket, type VisitorSocket } from "../support/clients.js";
import { databaseKind } from "../support/database.js";

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const VISITORS = 6;
const running: SpawnedServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
});

type Acked = { conversationId: string; clientId: string; seq: number; body: string };
const acked: Acked[] = [];
const counts = { rounds: 0, acknowledged: 0, starts: 0, transfers: 0, leaves: 0, closes: 0, heldByOperatorsAtKill: 0, queuedAfterRestart: 0 };
/** The chats each operator last saw as theirs: at the kill, the ones that must not stay with them. */
const held = new Map<string, string[]>();
/** A random whole number in [min, max]; the seed is printed so a failing run can be told apart. */
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
let state = seed;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function record(ack: { ok: boolean; message?: Message }): void {
  if (!ack?.ok || !ack.message) return;
  const m = ack.message;
  acked.push({ conversationId: m.conversationId, clientId: m.clientId!, seq: m.seq, body: m.body });
  counts.acknowledged++;
}

/** One acked call that may die with the server: an error or a timeout just means "not acknowledged". */
async function tryAck(socket: VisitorSocket | OperatorSocket, event: string, payload: unknown): Promise<any> {
  try {
    return await emitAck(socket, event, payload, 3000);
  } catch {
    return undefined;
  }
}

let serial = 0;
const nextClientId = (who: string) => `${who}-${++serial}`;

/** Visitors who chat, sometimes leave and come back with a new chat; runs until `stop` says so. */
async function visitorLoad(socket: VisitorSocket, name: string, open: { id?: string }, stop: () => boolean): Promise<void> {
  while (!stop() && socket.connected) {
    if (!open.id) {
      const clientId = nextClientId(name);
      const started = await tryAck(socket, "conversation:start", { body: `${name}: ${clientId}`, clientId });
      if (started?.ok) {
        open.id = started.conversation.id;
        counts.starts++;
        const first = started.conversation as Conversation & { lastSeq?: number };
        // The first message is acknowledged with the start; it is seq 1 of the new chat.
        acked.push({ conversationId: first.id, clientId, seq: 1, body: `${name}: ${clientId}` });
        counts.acknowledged++;
      }
    } else if (random() < 0.08) {
      const left = await tryAck(socket, "conversation:leave", { conversationId: open.id });
      if (left?.ok) {
        counts.leaves++;
        open.id = undefined;
      }
    } else {
      const clientId = nextClientId(name);
      const ack = await tryAck(socket, "message:send", { conversationId: open.id, clientId, body: `${name}: ${clientId}` });
      if (ack && !ack.ok && ["CONVERSATION_CLOSED", "NOT_FOUND"].includes(ack.error?.code)) open.id = undefined;
      record(ack);
    }
    await sleep(between(150, 300));
  }
}

/** Operators answer their chats, hand some to the colleague, and close those whose visitor left. */
async function operatorLoad(socket: OperatorSocket, name: string, colleagueId: string, stop: () => boolean): Promise<void> {
  while (!stop() && socket.connected) {
    const list = await tryAck(socket, "conversations:list", {});
    const mine: Conversation[] = list?.ok ? list.conversations.filter((c: Conversation) => c.operator?.id && c.status !== "queued") : [];
    if (list?.ok) held.set(name, mine.map((c) => c.id));
    for (const c of mine) {
      if (stop()) return;
      const roll = random();
      if (!c.visitorConnected || c.checklist.visitor_left) {
        const closed = await tryAck(socket, "conversation:close", { conversationId: c.id, reason: "klant weg" });
        if (closed?.ok) counts.closes++;
      } else if (roll < 0.12) {
        const moved = await tryAck(socket, "conversation:transfer", { conversationId: c.id, toOperatorId: colleagueId, note: "neem jij deze?" });
        if (moved?.ok) counts.transfers++;
      } else {
        record(await tryAck(socket, "message:send", { conversationId: c.id, clientId: nextClientId(name), body: `${name} antwoordt` }));
      }
    }
    await sleep(between(80, 200));
  }
}

/** The checks, read back through the API of the restarted server and by the visitors coming back. */
async function checkAfterRestart(server: SpawnedServer, adminToken: string, visitorTokens: string[]): Promise<void> {
  const all = await api<Array<Conversation & { timestamps: { createdAt: string } }>>(server.url, "/api/conversations?limit=500", { token: adminToken });
  expect(all.status).toBe(200);
  const byConversation = new Map<string, Message[]>();
  for (const c of all.body) {
    const stored = await api<Message[]>(server.url, `/api/conversations/${c.id}/messages?limit=1000`, { token: adminToken });
    byConversation.set(c.id, stored.body);
    // Gap-free and in order: seq 1, 2, 3 … as stored and as served.
    expect(stored.body.map((m) => m.seq), `seqs of ${c.id}`).toEqual(stored.body.map((_, i) => i + 1));
  }
  for (const a of acked) {
    const same = (byConversation.get(a.conversationId) ?? []).filter((m) => m.clientId === a.clientId);
    expect(same, `acknowledged ${a.clientId}`).toHaveLength(1);
    expect(same[0]).toMatchObject({ seq: a.seq, body: a.body });
  }
  // Each sender's acknowledged messages keep the order they were acknowledged in.
  const lastSeq = new Map<string, number>();
  for (const a of acked) {
    const key = `${a.conversationId}/${a.clientId.split("-")[0]}`;
    expect(a.seq, `order of ${key}`).toBeGreaterThan(lastSeq.get(key) ?? 0);
    lastSeq.set(key, a.seq);
  }

  // No operator has a tab open after the crash: once their grace is over, no chat is left with them.
  await eventually(async () => {
    const open = (await api<Conversation[]>(server.url, "/api/conversations?limit=500", { token: adminToken })).body.filter((c) => c.status !== "closed");
    expect(open.filter((c) => c.operator), "chats still with an operator who is gone").toEqual([]);
    expect(open.every((c) => c.status === "queued")).toBe(true);
  }, 20_000, 200);

  // The queue keeps its order: the waiting visitors, coming back, are told positions 1, 2, 3 … in the order their chats began.
  const positions: Array<{ position: number; createdAt: string }> = [];
  const created = new Map(all.body.map((c) => [c.id, c.timestamps.createdAt]));
  for (const token of visitorTokens) {
    const back = await connectVisitor(server.url, { visitorToken: token });
    const c = back.session.conversation;
    if (c?.status === "queued") positions.push({ position: c.queuePosition!, createdAt: created.get(c.id)! });
    back.socket.close();
  }
  // (A chat whose visitor had left but was not closed yet waits in the queue too, without a visitor to ask.)
  const queued = (await api<Conversation[]>(server.url, "/api/conversations?status=queued&limit=500", { token: adminToken })).body.length;
  const byPosition = [...positions].sort((x, y) => x.position - y.position);
  expect(new Set(byPosition.map((p) => p.position)).size).toBe(positions.length);
  expect(byPosition.every((p) => p.position >= 1 && p.position <= queued)).toBe(true);
  expect(byPosition.map((p) => p.createdAt)).toEqual([...positions].map((p) => p.createdAt).sort());
  counts.queuedAfterRestart += queued;
}

describe("a server killed with SIGKILL during a mixed load", () => {
  it(`keeps every acknowledged message once and in order, strands no chat and keeps the queue, over ${ROUNDS} rounds`, { timeout: 60_000 + ROUNDS * 45_000 }, async () => {
    let server = await spawnServer();
    running.push(server);
    const { token: adminToken } = await login(server.url, ADMIN.email, ADMIN.password);
    // A short operator grace, so the check does not wait a minute for the killed operators' chats.
    expect((await api(server.url, "/api/settings", { method: "PATCH", token: adminToken, body: { operatorGraceMs: 1000 } })).status).toBe(200);
    const ops = [await createOperator(server.url, adminToken, { name: "Anouk", maxChats: 4 }), await createOperator(server.url, adminToken, { name: "Bram", maxChats: 4 })];
    const visitorTokens: string[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      let stopped = false;
      const stop = () => stopped;
      const operatorSockets = await Promise.all(ops.map((op) => connectOperator(server.url, op.token)));
      for (const s of operatorSockets) await emitAck(s, "presence:set", { status: "online" });
      const visitors = await Promise.all(
        Array.from({ length: VISITORS }, async (_, i) => {
          const { socket, session } = await connectVisitor(server.url, visitorTokens[i] ? { visitorToken: visitorTokens[i] } : { name: `Bezoeker ${i}` });
          visitorTokens[i] = session.visitorToken;
          const open = { id: session.conversation && session.conversation.status !== "closed" ? session.conversation.id : undefined };
          return { socket, name: `v${i}`, open };
        }),
      );
      const loads = [
        ...visitors.map((v) => visitorLoad(v.socket, v.name, v.open, stop)),
        ...operatorSockets.map((s, i) => operatorLoad(s, `op${i}`, ops[1 - i].id, stop)),
      ];
      await sleep(between(800, 3000));
      await server.stop("SIGKILL");
      stopped = true;
      await Promise.all(loads);
      counts.heldByOperatorsAtKill += [...held.values()].flat().length;
      held.clear();
      for (const s of [...operatorSockets, ...visitors.map((v) => v.socket)]) s.close();
      counts.rounds++;

      server = await spawnServer({ databaseUrl: server.databaseUrl });
      running.push(server);
      await checkAfterRestart(server, adminToken, visitorTokens);
    }
    console.log(`crash rounds on ${databaseKind()} (seed ${seed}): ${JSON.stringify(counts)}`);
    // The load really ran: a round that ends early on a busy machine still acknowledges a few.
    expect(counts.acknowledged).toBeGreaterThan(ROUNDS * 3);
  });
});

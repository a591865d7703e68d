// CLUSTER_ROUTING=local-first on two nodes (one PostgreSQL, one Redis): among the operators with the fewest
// open chats, one on the visitor's node comes first; fewer open chats still beat being on the same node, and
// without the setting the longest idle gets the chat wherever they are connected.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { eventually, sleep } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { assignedTo, member, startChat, type Chatter, type TeamMember } from "./routing-support.js";

const available = await requireServices(["postgres", "redis"], "the cluster routing suite");
const nodes: TestServer[] = [];
const closers: Array<{ socket: { close: () => void } }> = [];
afterAll(async () => {
  for (const c of closers) c.socket.close();
  for (const n of nodes) await n.close();
});

async function twoNodes(routing?: string): Promise<[TestServer, TestServer]> {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", `lc_routing_${randomBytes(5).toString("hex")}`);
  const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "cluster-test-secret", ...(routing ? { CLUSTER_ROUTING: routing } : {}) };
  const a = await startTestServer(env);
  const b = await startTestServer(env);
  nodes.push(a, b);
  return [a, b];
}

/** Bram comes online on node b first (so he is idle longest), then Anna on node a. */
async function team(a: TestServer, b: TestServer): Promise<{ anna: TeamMember; bram: TeamMember }> {
  const bram = await member({ url: b.url, adminToken: a.adminToken }, "Bram", 3);
  await sleep(20);
  const anna = await member({ url: a.url, adminToken: a.adminToken }, "Anna", 3);
  closers.push(anna, bram);
  return { anna, bram };
}

/** Starts one chat per step, on the step's node, and waits until it is with the step's operator; returns the chats. */
async function routeInTurn(steps: Array<{ on: TestServer; expect: TeamMember; why: string }>): Promise<Chatter[]> {
  const chats: Chatter[] = [];
  for (const [i, step] of steps.entries()) {
    const chatter = await startChat(step.on, `visitor-${i}`);
    closers.push(chatter);
    await assignedTo(step.on, chatter.conversationId, step.expect.id).catch((err: unknown) => {
      throw new Error(`chat ${i + 1} (${step.why}): ${String(err)}`);
    });
    chats.push(chatter);
  }
  return chats;
}

describe.skipIf(!available)("routing in a cluster of two nodes", () => {
  it("with CLUSTER_ROUTING=local-first gives a chat to an operator on the visitor's node among those with the fewest open chats", async () => {
    const [a, b] = await twoNodes("local-first");
    const { anna, bram } = await team(a, b);
    const chats = await routeInTurn([
      { on: a, expect: anna, why: "nothing open for either: Bram is idle longest, but Anna is on the visitor's node" },
      { on: a, expect: bram, why: "Anna 1, Bram 0: fewer open chats beat the node" },
      { on: b, expect: bram, why: "one each: Anna is idle longer since her last chat, but Bram is on the visitor's node" },
      { on: b, expect: anna, why: "Anna 1, Bram 2: Anna, on the other node, has fewer" },
    ]);
    const ids = chats.map((c) => c.conversationId);
    await eventually(() => {
      expect(anna.assigned.map((c) => c.id)).toEqual([ids[0], ids[3]]);
      expect(bram.assigned.map((c) => c.id)).toEqual([ids[1], ids[2]]);
    });
  });

  it("without the setting gives the same first chat to the longest idle, on the other node", async () => {
    const [a, b] = await twoNodes();
    const { anna, bram } = await team(a, b);
    const chats = await routeInTurn([
      { on: a, expect: bram, why: "nothing open for either: Bram is idle longest, wherever he is" },
      { on: b, expect: anna, why: "Bram 1, Anna 0: Anna has fewer" },
      { on: a, expect: bram, why: "one each: Bram got his chat before Anna did, so he is idle longest" },
    ]);
    await eventually(() => expect(anna.assigned.map((c) => c.id)).toEqual([chats[1]!.conversationId]));
  });
});

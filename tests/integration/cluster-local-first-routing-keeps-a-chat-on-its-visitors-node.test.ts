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

async function chatOn(node: TestServer, name: string): Promise<Chatter> {
  const chatter = await startChat(node, name);
  closers.push(chatter);
  return chatter;
}

describe.skipIf(!available)("routing in a cluster of two nodes", () => {
  it("with CLUSTER_ROUTING=local-first gives a chat to an operator on the visitor's node among those with the fewest open chats", async () => {
    const [a, b] = await twoNodes("local-first");
    const { anna, bram } = await team(a, b);
    // Both have nothing open: Bram is idle longest, but Anna is on the visitor's node.
    const first = await chatOn(a, "local-1");
    await assignedTo(a, first.conversationId, anna.id);
    // One open for Anna, none for Bram: fewer open chats win over the node, also for a visitor on node a.
    const second = await chatOn(a, "local-2");
    await assignedTo(a, second.conversationId, bram.id);
    // One each: a visitor on node b gets Bram (on b) although Anna has been idle longer since her last chat.
    const third = await chatOn(b, "local-3");
    await assignedTo(a, third.conversationId, bram.id);
    // Anna 1, Bram 2: Anna, on the other node, has fewer.
    const fourth = await chatOn(b, "local-4");
    await assignedTo(a, fourth.conversationId, anna.id);
    await eventually(() => {
      expect(anna.assigned.map((c) => c.id)).toEqual([first.conversationId, fourth.conversationId]);
      expect(bram.assigned.map((c) => c.id)).toEqual([second.conversationId, third.conversationId]);
    });
  });

  it("without the setting gives the same first chat to the longest idle, on the other node", async () => {
    const [a, b] = await twoNodes();
    const { anna, bram } = await team(a, b);
    const first = await chatOn(a, "fair-1");
    await assignedTo(a, first.conversationId, bram.id);
    // One open for Bram: Anna has fewer.
    const second = await chatOn(b, "fair-2");
    await assignedTo(a, second.conversationId, anna.id);
    // One each: Bram got his chat before Anna did, so he is idle longest, whatever the visitor's node.
    const third = await chatOn(a, "fair-3");
    await assignedTo(a, third.conversationId, bram.id);
    await eventually(() => expect(anna.assigned.map((c) => c.id)).toEqual([second.conversationId]));
  });
});

// Live visitors in a cluster (PostgreSQL + Redis): a visitor on one node is seen by an operator on
// the other, keeps the pages of the visit when the next page load lands on the other node, and can be invited from there.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { InvitationPayload, LiveVisitor, LiveVisitorsDelta } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator, type OperatorSocket, type VisitorSocket } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";

const available = await requireServices(["postgres", "redis"], "the live-visitors cluster test");
const nodes: TestServer[] = [];
const sockets: Array<OperatorSocket | VisitorSocket> = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const n of nodes) await n.close();
});

async function twoNodes(): Promise<[TestServer, TestServer]> {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", `lc_live_${randomBytes(5).toString("hex")}`);
  const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "live-cluster-secret" };
  const a = await startTestServer(env);
  const b = await startTestServer(env);
  nodes.push(a, b);
  return [a, b];
}

describe.skipIf(!available)("live visitors across two cluster nodes", () => {
  it("shows an operator on node B the page of a visitor on node A, the whole visit's trail, and lets them invite", async () => {
    const [a, b] = await twoNodes();
    const op = await createOperator(b.url, b.adminToken, { name: "Joris" });
    const operator = await onlineOperator(b.url, op.token);
    sockets.push(operator);
    const { socket: onA, session } = await connectVisitor(a.url, { locale: "nl" });
    sockets.push(onA);

    const moved = nextEvent<LiveVisitorsDelta>(operator, "visitors:updated", (d) => d.upserted.some((v) => v.id === session.visitorId && v.pageUrl === "https://shop.example/a"));
    onA.emit("page", { url: "https://shop.example/a", title: "Page A" });
    await moved;
    const listedOnB = await api<LiveVisitor[]>(b.url, "/api/visitors/live", { token: op.token });
    expect(listedOnB.body.find((v) => v.id === session.visitorId)?.pageTitle).toBe("Page A");

    // A classic site: the next page is a new page load, whose socket lands on the other node.
    onA.close();
    const { socket: onB } = await connectVisitor(b.url, { visitorToken: session.visitorToken });
    sockets.push(onB);
    onB.emit("page", { url: "https://shop.example/b", title: "Page B" });
    await eventually(async () => {
      const list = await api<LiveVisitor[]>(a.url, "/api/visitors/live", { token: a.adminToken });
      const seen = list.body.find((v) => v.id === session.visitorId);
      expect(seen?.pageUrl).toBe("https://shop.example/b");
      expect(seen?.trail.map((s) => s.url)).toEqual(["https://shop.example/a", "https://shop.example/b"]);
    });

    const invitation = nextEvent<InvitationPayload>(onB, "invitation");
    const ack = await emitAck(await onlineOperator(a.url, a.adminToken).then((s) => (sockets.push(s), s)), "visitor:invite", { visitorId: session.visitorId, body: "Goedemiddag, kan ik helpen?" });
    expect(ack.ok).toBe(true);
    expect((await invitation).operator.name).toBeTruthy();
  });
});

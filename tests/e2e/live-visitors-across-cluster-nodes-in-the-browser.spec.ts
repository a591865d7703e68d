// Live visitors when the visitor's widget and the operator's inbox are on different cluster nodes
// (PostgreSQL + Redis): the inbox on node B shows the page the visitor on node A moved to.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { signInToInbox } from "./inbox-fixtures.js";

const nodes: SpawnedServer[] = [];

test.beforeAll(async () => {
  test.skip(!(await requireServices(["postgres", "redis"], "the live-visitors cluster spec")), "needs PostgreSQL and Redis");
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", `lc_live_e2e_${randomBytes(5).toString("hex")}`);
  const env = { REDIS_URL, REDIS_KEY_PREFIX: `e2e-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "live-e2e-cluster-secret" };
  // One after the other: the first applies the migrations.
  nodes.push(await spawnServer({ databaseUrl: url.toString(), env }));
  nodes.push(await spawnServer({ databaseUrl: url.toString(), env }));
});

test.afterAll(async () => {
  for (const node of nodes) await node.stop();
});

test("an inbox on one node shows the page a visitor on the other node moved to", async ({ browser }) => {
  const [a, b] = nodes as [SpawnedServer, SpawnedServer];
  const inboxContext = await browser.newContext();
  const visitorContext = await browser.newContext();
  const inbox = await inboxContext.newPage();
  const visitor = await visitorContext.newPage();

  await signInToInbox(inbox, b.url);
  await inbox.getByRole("link", { name: "Live visitors" }).click();
  await visitor.goto(`${a.url}/demo`);
  const row = inbox.locator(".live-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Demo shop: live chat widget");
  await visitor.getByRole("link", { name: "Delivery" }).click();
  await expect(row).toContainText("Delivery and returns: demo shop");
  await row.getByRole("button").click();
  await expect(inbox.locator(".trail li")).toHaveCount(2);
  await inboxContext.close();
  await visitorContext.close();
});

// The admin's automatic-invitation rule, off by default: turned on in Settings, it invites a visitor
// who stays on a matching page of the demo shop, and the bubble speaks the visitor's language.
import type { Settings } from "@live-chat/protocol";
import { expect, test } from "@playwright/test";
import { api, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

test("an admin turns on automatic invitations and a visitor on a matching page gets one", async ({ browser }) => {
  const token = (await login(server.url)).token;
  expect((await api<Settings>(server.url, "/api/settings", { token })).body.autoInvite.enabled).toBe(false);

  const inbox = await (await browser.newContext()).newPage();
  await signInToInbox(inbox, server.url);
  await inbox.getByLabel("Status").selectOption("online");
  await inbox.getByRole("link", { name: "Settings" }).click();
  const admin = inbox.locator("lc-admin-area");
  await admin.getByLabel("Invite visitors automatically").check();
  await admin.getByLabel("After this many seconds on a page").fill("2");
  await admin.getByLabel(/On pages whose address contains/).fill("page=delivery");
  await admin.getByLabel("Invitation in Dutch").fill("Vragen over de bezorging? Wij helpen u graag.");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("status")).toHaveText("Settings saved.");
  expect((await api<Settings>(server.url, "/api/settings", { token })).body.autoInvite).toMatchObject({ enabled: true, afterSeconds: 2, pagePattern: "page=delivery" });

  const visitorContext = await browser.newContext({ locale: "nl-NL" });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole("link", { name: "Delivery" }).click();
  const bubble = visitor.getByRole("region", { name: "Uitnodiging om te chatten" });
  await expect(bubble).toContainText("Vragen over de bezorging? Wij helpen u graag.");
  await bubble.getByRole("button", { name: "Nee, dank u" }).click();
  await expect(bubble).toBeHidden();
  await expect(visitor.getByRole("button", { name: "Chat openen" })).toBeFocused();
  await visitorContext.close();
});

// A widget or inbox cached from before an upgrade speaks an older protocol: the server refuses its handshake
// and the page says to reload (in the visitor's language), and after the reload it works again.
import type { Page } from "@playwright/test";
import { expect, openChat, test } from "./widget-fixtures.js";
import { signInToInbox } from "./inbox-fixtures.js";

const OLDER = (text: string) => text.replace(/"protocolVersion":"[^"]*"/, '"protocolVersion":"0.9"');

/**
 * Makes this page's sockets present an older protocol major while `old()` is true, as a cached bundle would:
 * the handshake is rewritten on the wire, over WebSocket and over HTTP long-polling alike.
 */
async function speakOlderProtocol(page: Page, old: () => boolean): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(typeof message === "string" && old() ? OLDER(message) : message));
  });
  await page.route(/\/socket\.io\/.*transport=polling/, async (route) => {
    const body = route.request().postData();
    if (route.request().method() !== "POST" || body === null || !old()) return route.continue();
    await route.continue({ postData: OLDER(body) });
  });
}

test("a widget older than the server says to reload, and works after the reload", async ({ page, server }) => {
  let old = true;
  await speakOlderProtocol(page, () => old);
  await page.goto(`${server.url}/demo`);
  await page.getByRole("button", { name: "Open chat" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "out of date" });
  await expect(alert).toContainText("Reload the page to continue.");
  old = false;
  await page.getByRole("button", { name: "Reload page" }).click();
  await page.waitForLoadState("load");
  await openChat(page, server.url);
  await expect(page.getByRole("alert").filter({ hasText: "out of date" })).toHaveCount(0);
});

test.describe("in a Dutch browser", () => {
  test.use({ locale: "nl-NL" });
  test("an old widget says it in Dutch", async ({ page, server }) => {
    await speakOlderProtocol(page, () => true);
    await page.goto(`${server.url}/demo`);
    await page.getByRole("button", { name: "Chat openen" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "verouderd" })).toContainText("Laad de pagina opnieuw");
    await expect(page.getByRole("button", { name: "Pagina opnieuw laden" })).toBeVisible();
  });
});

test("an inbox older than the server says to reload instead of signing the operator out", async ({ page, server }) => {
  await signInToInbox(page, server.url);
  let old = true;
  await speakOlderProtocol(page, () => old);
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "updated on the server" })).toBeVisible();
  await expect(page.getByLabel("Status")).toBeVisible();
  old = false;
  await page.getByRole("button", { name: "Reload page" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "updated on the server" })).toHaveCount(0);
  await expect(page.getByLabel("Status")).toBeVisible();
});

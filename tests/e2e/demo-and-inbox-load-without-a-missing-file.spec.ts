// Opening /demo and /inbox in Chromium fetches nothing that is missing: no 404 in the console, the favicon included.
import { expect, test } from "./widget-fixtures.js";

for (const path of ["/demo", "/inbox"]) {
  test(`${path} loads every file it asks for`, async ({ page, server }) => {
    const missing: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    page.on("console", (message) => {
      if (message.type() === "error") missing.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}${path}`);
    await expect(page.getByRole("button", { name: path === "/demo" ? "Open chat" : "Sign in" })).toBeVisible();
    // The icon is fetched after load; the page names one, and the server has it.
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(icon).toBe("/favicon.svg");
    await expect.poll(async () => (await page.request.get(`${server.url}${icon}`)).status()).toBe(200);
    await page.waitForLoadState("networkidle");
    expect(missing).toEqual([]);
  });
}

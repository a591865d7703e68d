import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, openChat, test } from "./widget-fixtures.js";

test("a site on another origin includes the script twice and gets one working widget, talking to the script's server", async ({ page, server }) => {
  // A real second web server on another port is another origin: a customer's site embedding the widget.
  const html = `<!doctype html><html><body>
        <script src="${server.url}/widget.js" defer></script>
        <script src="${server.url}/widget.js" defer></script>
        <script src="${server.url}/widget.js?again=1" defer></script>
        <live-chat-widget locale="en"></live-chat-widget>
      </body></html>`;
  const host = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const site = `http://localhost:${(host.address() as AddressInfo).port}`;
  test.info().attach("site", { body: site });
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  await page.goto(`${site}/twice.html`);
  await expect(page.getByRole("button", { name: "Open chat" })).toHaveCount(1);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  // Connected to the server named by the script's own URL: nobody is online there, and it says so.
  await expect(page.getByText("Nobody is online right now", { exact: false })).toBeVisible();
  expect(await page.evaluate(() => customElements.get("live-chat-widget") !== undefined)).toBe(true);
  expect(errors).toEqual([]);
  host.close();
});

test("the demo page embeds the widget like a customer's site", async ({ page, server }) => {
  await openChat(page, server.url);
});

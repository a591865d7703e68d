// A visitor pastes a screenshot into the chat; the operator's inbox shows its thumbnail, named by the
// file, and opens the full image in a lightbox that Escape closes, focus back on the thumbnail. The
// visitor on a desktop and on a phone; the operator at a desk (the inbox is not laid out for phones).
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { signInToInbox } from "./inbox-fixtures.js";
import { openChat, pasteImage } from "./widget-fixtures.js";

// A server per test, so each screen's operator sees only its own chat.
let server: SpawnedServer;
test.beforeEach(async () => {
  server = await spawnServer();
});
test.afterEach(async () => {
  await server?.stop();
});

const loaded = (img: import("@playwright/test").Locator) => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth);

for (const screen of [
  { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
  { name: "phone", use: { viewport: { width: 412, height: 839 }, isMobile: true, hasTouch: true } },
]) {
  test(`on a ${screen.name}: a pasted screenshot reaches the operator as a thumbnail that opens in a lightbox`, async ({ browser }) => {
    const screenshot = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    const inboxContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const inbox = await inboxContext.newPage();
    await signInToInbox(inbox, server.url);
    await inbox.getByLabel("Status").selectOption("online");

    const widgetContext = await browser.newContext(screen.use);
    const widget = await widgetContext.newPage();
    await openChat(widget, server.url);
    await pasteImage(widget, screenshot);
    await expect(widget.getByRole("list", { name: "Files to send" })).toContainText("image.png");
    await widget.getByRole("button", { name: "Send", exact: true }).click();
    // The visitor's own message shows the thumbnail the server made, once it is stored.
    const own = widget.getByRole("img", { name: "image.png" });
    await expect.poll(() => loaded(own)).toBeGreaterThan(0);

    const row = inbox.locator(".chat-row").first();
    await row.getByRole("button").click();
    const preview = inbox.getByRole("button", { name: "Open image image.png" });
    await expect(preview).toBeVisible();
    const thumbnail = preview.getByRole("img", { name: "image.png" });
    await expect.poll(() => loaded(thumbnail)).toBe(320);

    await preview.click();
    const lightbox = inbox.getByRole("dialog", { name: "image.png" });
    await expect(lightbox).toBeVisible();
    const full = lightbox.getByRole("img", { name: "image.png" });
    await expect.poll(() => loaded(full)).toBe(900);
    await expect(lightbox.getByRole("button", { name: "Close image" })).toBeFocused();
    await inbox.keyboard.press("Escape");
    await expect(lightbox).toBeHidden();
    await expect(preview).toBeFocused();

    await widgetContext.close();
    await inboxContext.close();
  });
}

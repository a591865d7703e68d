// The widget's outbox keeps a pasted screenshot whose upload the network dropped (after the server had
// stored it), across a reload; "Try again" then sends it with the same Idempotency-Key, so it is stored
// once: with a budget of one file per hour a second copy would be refused. A further file meets that
// limit, and the visitor reads why and can remove it.
import sharp from "sharp";
import type { Page } from "@playwright/test";
import { expect, openChat, pasteImage, patchSettings, sendMessage, test } from "./widget-fixtures.js";

async function pasteScreenshot(page: Page, png: Buffer): Promise<void> {
  await pasteImage(page, png);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

test("a screenshot whose upload was cut off is sent after a reload, stored once, and the hourly limit is explained", async ({ page, context, server, bringOperatorOnline }) => {
  await patchSettings(server.url, { filesPerVisitorPerHour: 1 });
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await openChat(page, server.url);
  await sendMessage(page, "My order arrived broken");
  const conversation = await assigned;

  // The server stores the upload, but its answer never reaches the browser.
  let stored = 0;
  await page.route(`${server.url}/api/files`, async (route) => {
    const response = await route.fetch();
    if (response.status() === 201) stored++;
    await route.abort("connectionreset");
  });
  await pasteScreenshot(page, await sharp({ create: { width: 640, height: 400, channels: 3, background: "#c83" } }).png().toBuffer());
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  expect(stored).toBe(1);

  await page.close();
  const again = await context.newPage();
  await again.goto(`${server.url}/demo`);
  await expect(again.getByText("image.png")).toBeVisible();
  await again.getByRole("button", { name: "Try again" }).click();
  await expect
    .poll(async () => (await anna.history(conversation.id)).flatMap((m) => m.attachments ?? []).map((a) => a.name))
    .toEqual(["image.png"]);
  await expect(again.getByRole("img", { name: "image.png" })).toBeVisible();

  // A new file is a new upload: over the budget of one, refused in words the visitor can act on.
  await pasteScreenshot(again, await sharp({ create: { width: 300, height: 300, channels: 3, background: "#38c" } }).png().toBuffer());
  await expect(again.getByText("You have sent the most files allowed for now", { exact: false })).toBeVisible();
  await again.getByRole("button", { name: "Remove" }).click();
  await expect(again.getByText("You have sent the most files allowed for now", { exact: false })).toHaveCount(0);
  expect((await anna.history(conversation.id)).flatMap((m) => m.attachments ?? [])).toHaveLength(1);
});

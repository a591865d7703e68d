// A screenshot whose upload the network cut off stays "Sending…" in the widget's outbox, like a text
// message would, and goes by itself once the connection is back: nothing for the visitor to redo.
import sharp from "sharp";
import { expect, openChat, pasteImage, sendMessage, test } from "./widget-fixtures.js";

test("an upload cut off by a network drop is sent by itself when the network returns", async ({ page, context, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await openChat(page, server.url);
  await sendMessage(page, "Hi, one moment");
  const conversation = await assigned;

  const files = `${server.url}/api/files`;
  await page.route(files, async (route) => {
    await context.setOffline(true);
    await route.abort("internetdisconnected");
  });
  await pasteImage(page, await sharp({ create: { width: 500, height: 300, channels: 3, background: "#a5c" } }).png().toBuffer());
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("You are offline", { exact: false })).toBeVisible();
  await expect(page.getByText("Sending…")).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);

  await page.unroute(files);
  await context.setOffline(false);
  await expect
    .poll(async () => (await anna.history(conversation.id)).flatMap((m) => m.attachments ?? []).map((a) => a.name))
    .toEqual(["image.png"]);
  await expect(page.getByText("Sending…")).toHaveCount(0);
  await expect(page.getByRole("img", { name: "image.png" })).toBeVisible();
});

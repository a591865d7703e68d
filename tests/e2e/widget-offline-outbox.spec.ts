import { expect, openChat, sendMessage, test, visitorTexts } from "./widget-fixtures.js";

test("messages typed during a network drop arrive exactly once and in order after the connection returns", async ({ page, context, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await openChat(page, server.url);
  await sendMessage(page, "First, while online");
  const conversation = await assigned;
  await expect.poll(async () => visitorTexts(await anna.history(conversation.id))).toEqual(["First, while online"]);

  await context.setOffline(true);
  await expect(page.getByText("You are offline", { exact: false })).toBeVisible();
  await sendMessage(page, "Second, typed offline");
  await sendMessage(page, "Third, typed offline");
  await expect(page.getByText("Sending…")).toHaveCount(2);
  await page.waitForTimeout(500);
  expect(visitorTexts(await anna.history(conversation.id))).toEqual(["First, while online"]);

  await context.setOffline(false);
  await expect.poll(async () => visitorTexts(await anna.history(conversation.id))).toEqual(["First, while online", "Second, typed offline", "Third, typed offline"]);
  await expect(page.getByText("Sending…")).toHaveCount(0);
  await expect(page.getByText("You are offline", { exact: false })).toHaveCount(0);

  // Typed, then the page is gone before it could send: the next page view sends it, once.
  await context.setOffline(true);
  await sendMessage(page, "Fourth, typed just before leaving");
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${server.url}/demo`);
  await expect
    .poll(async () => visitorTexts(await anna.history(conversation.id)))
    .toEqual(["First, while online", "Second, typed offline", "Third, typed offline", "Fourth, typed just before leaving"]);
  // The panel was open when the page went, so the next page view shows it open.
  await expect(again.getByRole("button", { name: "Close chat" })).toBeVisible();
  await expect(again.getByText("Fourth, typed just before leaving", { exact: true })).toBeVisible();
  await again.waitForTimeout(1000);
  expect(visitorTexts(await anna.history(conversation.id))).toHaveLength(4);
});

import { expect, openChat, sendMessage, test } from "./widget-fixtures.js";

test("markup in an operator's message shows as text and never runs; only http links become links", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await openChat(page, server.url);
  await sendMessage(page, "Hi");
  const conversation = await assigned;

  const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> javascript:window.__pwned=3 see https://example.com/help?a=1&b=2.`;
  await anna.say(conversation.id, hostile);
  const bubble = page.locator(".bubble", { hasText: "<img src=x" });
  await expect(bubble).toHaveText(hostile);
  await expect(bubble.locator("img, script, b")).toHaveCount(0);
  const links = bubble.getByRole("link");
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute("href", "https://example.com/help?a=1&b=2");
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

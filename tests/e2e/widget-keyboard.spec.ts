import { expect, test, visitorTexts } from "./widget-fixtures.js";

test("the chat can be used with the keyboard alone", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await page.goto(`${server.url}/demo`);
  const launcher = page.getByRole("button", { name: "Open chat" });
  // The script is deferred: a keyboard user can only reach the bubble once it is on the page.
  await expect(launcher).toBeVisible();

  await page.keyboard.press("Tab");
  await expect(launcher).toBeFocused();
  await page.keyboard.press("Enter");
  const box = page.getByRole("textbox", { name: "Message" });
  await expect(box).toBeFocused();

  await page.keyboard.type("Line one");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("Line two");
  await page.keyboard.press("Enter");
  const conversation = await assigned;
  await expect.poll(async () => visitorTexts(await anna.history(conversation.id))).toEqual(["Line one\nLine two"]);
  await expect(box).toHaveValue("");

  // Tab moves on to the send button; Shift+Tab comes back.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(box).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(box).toBeHidden();
  await expect(launcher).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(box).toBeFocused();
});

test.describe("in Dutch", () => {
  test.use({ locale: "nl-NL" });

  test("the widget follows the browser's language", async ({ page, server }) => {
    await page.goto(`${server.url}/demo`);
    await page.getByRole("button", { name: "Chat openen" }).click();
    await expect(page.getByRole("textbox", { name: "Bericht" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Verstuur" })).toBeVisible();
    await expect(page.getByText("Er is nu niemand online", { exact: false })).toBeVisible();
  });
});

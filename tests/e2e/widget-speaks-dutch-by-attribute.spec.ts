import { expect, test, visitorTexts } from "./widget-fixtures.js";

test('locale="nl" makes the widget Dutch in an English browser', async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  // A page of the site that sets the language on the element, served from the chat server's own origin.
  await page.route(`${server.url}/winkel`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="nl"><body><h1>Winkel</h1><script src="/widget.js" defer></script><live-chat-widget locale="nl"></live-chat-widget></body></html>`,
    }),
  );
  await page.goto(`${server.url}/winkel`);
  await page.getByRole("button", { name: "Chat openen" }).click();
  await expect(page.getByRole("dialog", { name: "Chat met ons" })).toBeVisible();
  const box = page.getByRole("textbox", { name: "Bericht" });
  await box.fill("Hebben jullie deze vaas ook in het groen?");
  await page.getByRole("button", { name: "Verstuur" }).click();

  const conversation = await assigned;
  await expect.poll(async () => visitorTexts(await anna.history(conversation.id))).toEqual(["Hebben jullie deze vaas ook in het groen?"]);
  await anna.say(conversation.id, "Ja, die hebben we ook in het groen.");
  await expect(page.getByText("Anna helpt u")).toBeVisible();
  await expect(page.getByText("Verstuurd", { exact: false }).first()).toBeVisible();
  await page.getByRole("button", { name: "Chat sluiten" }).click();
  await expect(page.getByRole("button", { name: "Chat openen" })).toBeFocused();
});

// The opened chat loads only what it shows: the other language, the end-of-chat view and the upload code
// arrive when the visitor is about to need them (End chat asked, the paperclip reached for, the language
// switched), never on open.
import type { Page } from "@playwright/test";
import { expect, startChatWith, test } from "./widget-fixtures.js";

/** Every script the page fetched so far, by URL, with its text (to tell the chunks apart by what they hold). */
function scriptsOf(page: Page): Map<string, Promise<string>> {
  const scripts = new Map<string, Promise<string>>();
  page.on("response", (response) => {
    if (response.url().endsWith(".js")) scripts.set(response.url(), response.text());
  });
  return scripts;
}

async function fetched(scripts: Map<string, Promise<string>>, text: string | RegExp): Promise<boolean> {
  for (const body of scripts.values()) if (typeof text === "string" ? (await body).includes(text) : text.test(await body)) return true;
  return false;
}

/** The chunk that defines the end view (the widget's minified `define(tag, Class)`), not one that only names it. */
const END_VIEW = /[\w$]\("live-chat-ended",[\w$]+\)/;
/** The upload code's own header: the files' database name is also in the erasure code the socket chunk carries. */
const UPLOAD_CODE = '"Idempotency-Key"';

test("the chat opens without the other language, the end view or the upload code, and fetches each when the visitor reaches for it", async ({ page, server, bringOperatorOnline }) => {
  const scripts = scriptsOf(page);
  const anna = await bringOperatorOnline("Anna");
  await startChatWith(page, server.url, anna, "Do you ship to Belgium?");

  expect(await fetched(scripts, '"Chat with us"')).toBe(true);
  expect(await fetched(scripts, '"Chat met ons"')).toBe(false);
  expect(await fetched(scripts, END_VIEW)).toBe(false);
  expect(await fetched(scripts, UPLOAD_CODE)).toBe(false);

  await page.getByRole("button", { name: "Attach a file or photo" }).hover();
  await expect.poll(() => fetched(scripts, UPLOAD_CODE)).toBe(true);

  await page.getByRole("button", { name: "End chat" }).click();
  await expect.poll(() => fetched(scripts, END_VIEW)).toBe(true);
  await page.getByRole("button", { name: "Yes, end chat" }).click();
  await expect(page.getByRole("radio", { name: "4 out of 5" })).toBeVisible();
  expect(await fetched(scripts, '"Chat met ons"')).toBe(false);

  // The site switches the widget to Dutch: the Dutch table is fetched then, and the chat speaks it.
  await page.locator("live-chat-widget").evaluate((widget) => widget.setAttribute("locale", "nl"));
  await expect(page.getByRole("heading", { name: "Chat met ons" })).toBeVisible();
  expect(await fetched(scripts, '"Chat met ons"')).toBe(true);
});

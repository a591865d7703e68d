// Clarify without a mouse: the arrow keys move through the messages, Enter on a visitor message
// offers its words, and the chosen ones become "What exactly do you mean by "…"?" in the reply box;
// the picker is named in the operator's language, the draft is in the chat's.
import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { connectVisitor, emitAck, type VisitorSocket } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function signIn(page: Page): Promise<void> {
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
}

async function startChat(name: string, locale: "en" | "nl", body: string): Promise<VisitorSocket> {
  const { socket } = await connectVisitor(server.url, { name, locale });
  const started = await emitAck(socket, "conversation:start", { body, clientId: randomUUID() });
  expect(started.ok).toBe(true);
  return socket;
}

/** Presses Tab until `target` has the focus, as a keyboard user would get there. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a keyboard user picks words from a visitor message and gets the Clarify draft", async ({ page }) => {
  await signIn(page);
  const visitor = await startChat("Karel Keyboard", "en", "The screen has a crack and the charger is missing.");
  await page.locator(".chat-row", { hasText: "Karel Keyboard" }).getByRole("button").press("Enter");
  const log = page.getByRole("log", { name: "Messages" });
  const message = page.locator(".message.from-visitor", { hasText: "the charger is missing" });
  await expect(message).toBeVisible();

  // Into the messages with Tab; an arrow key goes to the newest (the line saying the operator joined),
  // the next one up to the visitor's message, and down again.
  await tabTo(page, log);
  await page.keyboard.press("ArrowUp");
  const joined = page.locator(".message.system", { hasText: "Admin joined the chat" });
  await expect(joined).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(message).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(joined).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(message).toBeFocused();
  await expect(message).toHaveAccessibleDescription("Enter: choose words from this message to clarify.");

  // Enter offers the message's words; Escape puts the focus back on the message.
  await page.keyboard.press("Enter");
  const picker = page.getByRole("group", { name: "Words to clarify" });
  await expect(picker.getByRole("button", { name: "screen", exact: true })).toBeVisible();
  await expect(picker.getByRole("button", { name: "The", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(picker).toHaveCount(0);
  await expect(message).toBeFocused();

  // Choose "the charger" (two neighbours) and ask.
  await page.keyboard.press("Enter");
  const the = picker.getByRole("button", { name: "the", exact: true });
  await tabTo(page, the);
  await page.keyboard.press("Space");
  await expect(the).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Tab");
  await expect(picker.getByRole("button", { name: "charger", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await tabTo(page, picker.getByRole("button", { name: "Ask about these words" }));
  await page.keyboard.press("Enter");

  const reply = page.getByLabel("Reply", { exact: true });
  await expect(reply).toHaveValue('What exactly do you mean by "the charger"?');
  await expect(reply).toBeFocused();
  await expect(picker).toHaveCount(0);
  await expect(page.locator(".method-tools")).toContainText('Selected: “the charger”');
  visitor.disconnect();
});

test("Enter on a visitor message uses words already selected in it; the picker speaks Dutch, the draft the chat's language", async ({ page }) => {
  await signIn(page);
  const visitor = await startChat("Noor Nederlands", "nl", "Mijn pakket kwam beschadigd aan, de doos was nat.");
  await page.locator(".chat-row", { hasText: "Noor Nederlands" }).getByRole("button").press("Enter");
  const message = page.locator(".message.from-visitor", { hasText: "pakket kwam beschadigd" });
  await expect(message).toBeVisible();
  const reply = page.getByLabel("Reply", { exact: true });

  // Words selected in the message beforehand are used at once.
  await message.evaluate((el) => {
    const walker = document.createTreeWalker(el.querySelector(".body")!, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode()!;
    while (!text.textContent!.includes("de doos")) text = walker.nextNode()!;
    const at = text.textContent!.indexOf("de doos");
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + "de doos".length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    (el as HTMLElement).focus();
  });
  await page.keyboard.press("Enter");
  await expect(reply).toHaveValue('Wat bedoelt u precies met "de doos"?');
  await reply.fill("");
  await page.evaluate(() => document.getSelection()!.removeAllRanges());

  // In Dutch, the picker and its buttons are named in Dutch.
  await page.locator("header.topbar").getByRole("combobox", { name: /^Language/ }).selectOption("nl");
  const log = page.getByRole("log", { name: "Berichten" });
  await tabTo(page, log);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(message).toBeFocused();
  await expect(message).toHaveAccessibleDescription("Enter: kies woorden uit dit bericht om te verduidelijken.");
  await page.keyboard.press("Enter");
  const picker = page.getByRole("group", { name: "Woorden om te verduidelijken" });
  await tabTo(page, picker.getByRole("button", { name: "beschadigd", exact: true }));
  await page.keyboard.press("Enter");
  await tabTo(page, picker.getByRole("button", { name: "Vraag naar deze woorden" }));
  await page.keyboard.press("Enter");
  const antwoord = page.getByLabel("Antwoord", { exact: true });
  await expect(antwoord).toHaveValue('Wat bedoelt u precies met "beschadigd"?');
  await expect(antwoord).toBeFocused();
  visitor.disconnect();
});

// Issue 5's scenario in a real browser against a real server: an operator signs in, goes online,
// takes a chat, greets with a canned reply, clarifies a selected word, summarises, answers, works
// through the closing checklist, and sees the chat close only when the visitor's socket goes away.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Message } from "@live-chat/protocol";
import { ADMIN, connectVisitor, emitAck, nextEvent, type VisitorSocket } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

let server: SpawnedServer;

test.beforeAll(async () => {
  server = await spawnServer({ env: { LOG_LEVEL: "info", VISITOR_GRACE_MS: "1500" } });
});

test.afterAll(async () => {
  await server?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Status")).toBeVisible();
}

/** Selects `word` inside a message the way a mouse would, then releases the button there. */
async function selectWord(message: Locator, word: string): Promise<void> {
  await message.evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(w) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return;
    }
    throw new Error(`"${w}" not found`);
  }, word);
}

async function visitorSays(socket: VisitorSocket, conversationId: string, body: string): Promise<void> {
  const ack = await emitAck(socket, "message:send", { conversationId, clientId: randomUUID(), body });
  expect(ack.ok).toBe(true);
}

test("an operator follows the method from greeting to the visitor leaving", async ({ page }) => {
  await signIn(page);
  await page.getByLabel("Status").selectOption("online");

  const { socket: visitor } = await connectVisitor(server.url, { name: "Anna de Vries", locale: "en", timeZone: "Europe/Amsterdam", pageUrl: "https://shop.example/orders/42" });
  const started = await emitAck(visitor, "conversation:start", { body: "Hello, my new tablet arrived broken", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  const conversationId: string = started.conversation.id;

  // The chat is routed to the online operator and shows in their list; they open it.
  const row = page.locator(".chat-row", { hasText: "Anna de Vries" });
  await expect(row).toContainText("Opening");
  await expect(page).toHaveTitle("(1) Inbox");
  await row.getByRole("button").click();
  await expect(page).toHaveTitle("Inbox");
  await expect(page.locator(".message.from-visitor", { hasText: "Hello, my new tablet arrived broken" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Anna de Vries" })).toBeVisible();
  await expect(page.locator(".details")).toContainText("https://shop.example/orders/42");

  // Opening: the phase's canned reply titles are visible beside the reply box without a click.
  const stepper = page.getByRole("navigation", { name: "Conversation phase" });
  await expect(stepper.locator("[aria-current=step]")).toContainText("Opening");
  const reply = page.getByLabel("Reply", { exact: true });
  await page.getByRole("button", { name: /^Greeting/ }).click();
  await expect(reply).toHaveValue(/^Good (morning|afternoon|evening), I'm \S.*How can I help you\?$/);
  expect(await reply.inputValue()).not.toContain("{");
  const greeting = nextEvent(visitor, "message", (m: { author: { type: string } }) => m.author.type === "operator");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await greeting;
  await expect(reply).toHaveValue("");
  await expect(stepper.locator("[aria-current=step]")).toContainText("Question");

  // Question: clarify a word the visitor used.
  await visitorSays(visitor, conversationId, "The screen has a crack and the charger is missing");
  const visitorMessage = page.locator(".message.from-visitor .body", { hasText: "crack and the charger" });
  await expect(visitorMessage).toBeVisible();
  await selectWord(visitorMessage, "crack");
  await page.getByRole("button", { name: "Clarify", exact: true }).click();
  await expect(reply).toHaveValue('What exactly do you mean by "crack"?');
  await reply.press("Enter");
  await expect(page.locator(".message.from-operator", { hasText: 'What exactly do you mean by "crack"?' })).toBeVisible();
  // Without a selection (keyboard only) Clarify still helps: it asks about the last message.
  await visitorMessage.click();
  const clarify = page.getByRole("button", { name: "Clarify", exact: true });
  await clarify.focus();
  await page.keyboard.press("Enter");
  await expect(reply).toHaveValue("What exactly do you mean by that?");
  await reply.fill("");

  // Summarise: drafted from the visitor's words, sent as a summary, confirmed by the visitor.
  await visitorSays(visitor, conversationId, "A long line runs across the glass");
  await expect(page.locator(".message.from-visitor", { hasText: "A long line runs" })).toBeVisible();
  await page.getByRole("button", { name: "Summarise", exact: true }).click();
  await expect(reply).toHaveValue(/^Do I understand correctly that /);
  await reply.fill("Do I understand correctly that your tablet's screen is cracked and the charger is missing?");
  const summary = nextEvent<Message>(visitor, "message", (m) => m.meta?.summary === true);
  await reply.press("Enter");
  const summaryMessage = await summary;
  await expect(page.locator(".message.from-operator", { hasText: "charger is missing?" })).toContainText("Waiting for the customer's yes or no");
  const answered = await emitAck(visitor, "summary:answer", { conversationId, messageId: summaryMessage.id, answer: "yes" });
  expect(answered.ok).toBe(true);
  await expect(page.locator(".message.from-operator", { hasText: "charger is missing?" })).toContainText("Customer confirmed: yes");
  await expect(stepper.locator("[aria-current=step]")).toContainText("Response");

  // Response: the spelling alphabet spells an order code into the reply box.
  await page.getByLabel("Name or code").fill("QX7");
  await page.getByLabel("Alphabet").selectOption("nato");
  await page.getByRole("button", { name: "Insert" }).click();
  await expect(reply).toHaveValue(/Quebec.*X-ray.*7/);

  // The answer, typed by hand; Shift+Enter makes a new line, Enter sends.
  await reply.fill("I'm sorry about that, Anna. We will send you a new tablet and charger free of charge.");
  await reply.press("Shift+Enter");
  await reply.pressSequentially("You will have it within 3 working days.");
  await reply.press("Enter");
  await expect(page.locator(".message.from-operator", { hasText: "within 3 working days" })).toContainText("free of charge.\nYou will have it");

  // Closing: move the phase, then work through the checklist with a tagged reply, by hand, and a goodbye.
  await stepper.getByRole("button", { name: /Closing/ }).click();
  await expect(stepper.locator("[aria-current=step]")).toContainText("Closing");
  const checklist = page.getByRole("group", { name: "Closing checklist" });
  await page.getByRole("button", { name: /^Resolved\?/ }).click();
  await expect(reply).toHaveValue("Have we resolved your question?");
  await reply.press("Enter");
  await expect(checklist.getByLabel("Asked whether the question is resolved")).toBeChecked();
  await checklist.getByLabel("Asked whether there are more questions").check();
  await expect(checklist.getByLabel("Asked whether there are more questions")).toBeChecked();
  await reply.pressSequentially("/by");
  await expect(page.getByRole("listbox", { name: "Canned replies" }).getByRole("option")).toHaveText(["/bye Goodbye"]);
  await reply.press("Enter");
  await expect(reply).toHaveValue("Thank you for your question, Anna de Vries, and have a nice day.");
  await reply.press("Enter");
  await expect(checklist.getByLabel("Said goodbye")).toBeChecked();
  await expect(checklist.getByText("Waiting for the customer to leave")).toBeVisible();
  await expect(checklist.getByLabel("Customer has left the chat")).toBeDisabled();
  await expect(checklist.getByLabel("Customer has left the chat")).not.toBeChecked();

  // The chat cannot be ended while the visitor is still there: the server says why, a reason is offered.
  await page.getByRole("button", { name: "End chat" }).click();
  await expect(page.getByText("The customer is still in the chat")).toBeVisible();
  await expect(page.getByLabel("Reason for ending")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Anna de Vries" })).toBeVisible();
  await expect(page.locator(".chat-row", { hasText: "Anna de Vries" })).toBeVisible();

  await page.screenshot({ path: "/tmp/inbox-shots/method-wrapping-up.png" });

  // The visitor's socket goes away: after the grace period the chat closes and leaves the list.
  visitor.disconnect();
  await expect(page.getByText("This chat has ended.")).toBeVisible({ timeout: 15_000 });
  await expect(checklist.getByLabel("Customer has left the chat")).toBeChecked();
  await expect(page.locator(".chat-row", { hasText: "Anna de Vries" })).toHaveCount(0);
  await page.screenshot({ path: "/tmp/inbox-shots/method-closed.png" });
});

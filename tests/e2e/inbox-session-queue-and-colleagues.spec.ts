// The inbox around the method: a session that survives a reload, both languages, taking a chat
// from the queue, internal notes, transfer to a colleague, offline messages, admin-only navigation.
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { ADMIN, connectVisitor, createOperator, emitAck, login, nextEvent, onlineOperator, sleep } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

let server: SpawnedServer;

test.beforeAll(async () => {
  server = await spawnServer({ env: { LOG_LEVEL: "info" } });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Signs in and works in English: the language is the account's, and an earlier test chose Dutch. */
async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Status")).toBeVisible();
  await page.getByLabel(/Language|Taal/).selectOption("en");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

test("the session survives a reload, speaks Dutch on request and ends on sign-out", async ({ page }) => {
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();

  await signIn(page);
  await page.reload();
  await expect(page.getByLabel("Status")).toBeVisible();

  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByLabel("Status").locator("option")).toHaveText(["Online", "Afwezig", "Offline"]);
  await expect(page.getByRole("link", { name: "Standaardantwoorden" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Gebruikers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rapportages" })).toBeVisible();
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("button", { name: "Inloggen" })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toBeVisible();
  await expect(page.getByLabel("Wachtwoord")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Inloggen" })).toBeVisible();
});

test("an operator sees no admin navigation", async ({ page }) => {
  const admin = await login(server.url);
  const operator = await createOperator(server.url, admin.token, { name: "Olga Operator" });
  await signIn(page, operator.email, operator.password);
  await expect(page.getByRole("link", { name: "Chats" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Canned replies" })).toHaveCount(0);
});

test("a queued chat is taken by hand, notes stay internal, and a transfer warns the second time", async ({ page }) => {
  const admin = await login(server.url);
  const colleague = await createOperator(server.url, admin.token, { name: "Bernard Collega", maxChats: 5 });
  await signIn(page);
  await page.getByLabel("Status").selectOption("away");

  const { socket: visitor } = await connectVisitor(server.url, { name: "Queue Quinn", locale: "en" });
  const started = await emitAck(visitor, "conversation:start", { body: "Is anybody there?", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  const conversationId: string = started.conversation.id;

  await page.getByRole("tab", { name: /Queue/ }).click();
  const queued = page.locator(".chat-row", { hasText: "Queue Quinn" });
  await expect(queued).toContainText("Is anybody there?");
  await expect(queued.locator(".wait")).toBeVisible();
  await queued.getByRole("button", { name: "Take chat" }).click();
  await expect(page.getByRole("tab", { name: /My chats/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Queue Quinn" })).toBeVisible();

  // A note is marked internal and never reaches the visitor.
  const seenByVisitor: string[] = [];
  visitor.on("message", (m: { body: string }) => seenByVisitor.push(m.body));
  await page.getByLabel("Internal note", { exact: true }).check();
  const noteBox = page.getByLabel("Note for colleagues");
  await noteBox.fill("Customer called yesterday about the same order");
  await noteBox.press("Enter");
  const note = page.locator(".message.note", { hasText: "called yesterday" });
  await expect(note).toContainText("not visible to the customer");
  await sleep(500);
  expect(seenByVisitor).not.toContain("Customer called yesterday about the same order");

  // Transfer with a note to an online colleague; the chat leaves this inbox.
  const colleagueSocket = await onlineOperator(server.url, colleague.token);
  await page.getByRole("button", { name: "Transfer" }).click();
  const dialog = page.getByRole("dialog", { name: "Transfer to a colleague" });
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await dialog.getByLabel("Colleague", { exact: true }).selectOption(colleague.id);
  await dialog.getByLabel("Note for your colleague").fill("Wants a refund, order 42");
  const assigned = nextEvent(colleagueSocket, "conversation:assigned", (c: { id: string }) => c.id === conversationId);
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await assigned;
  await expect(page.locator(".chat-row", { hasText: "Queue Quinn" })).toHaveCount(0);

  // Bernard passes it back; a third hand-over now comes with a warning.
  await page.getByLabel("Status").selectOption("online");
  const back = await emitAck(colleagueSocket, "conversation:transfer", { conversationId, toOperatorId: admin.user.id, note: "Back to you" });
  expect(back.ok).toBe(true);
  const row = page.locator(".chat-row", { hasText: "Queue Quinn" });
  await row.getByRole("button").click();
  await expect(page.locator(".message.note", { hasText: "Back to you" })).toBeVisible();
  await page.getByRole("button", { name: "Transfer" }).click();
  await expect(dialog.getByRole("alert")).toContainText("transferred before");
  await expect(dialog.getByRole("button", { name: "Transfer anyway" })).toBeVisible();
  await page.screenshot({ path: "/tmp/inbox-shots/transfer-warning.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  colleagueSocket.disconnect();
  visitor.disconnect();
});

test("offline messages are listed with the promised answer time and can be marked handled", async ({ page }) => {
  const { socket: visitor } = await connectVisitor(server.url, { locale: "en" });
  const left = await emitAck(visitor, "offline:message", { name: "Olivia Offline", email: "olivia@example.com", body: "Please send me the invoice again", phone: "+31 20 123 4567", callbackRequested: true });
  expect(left.ok).toBe(true);
  visitor.disconnect();

  await signIn(page);
  await page.getByRole("tab", { name: /Offline messages/ }).click();
  const item = page.locator(".offline-item", { hasText: "Olivia Offline" });
  await expect(item).toContainText("Please send me the invoice again");
  await expect(item).toContainText("Wants a call back on +31 20 123 4567");
  await expect(item.locator(".due")).toContainText(/Answer promised by|Overdue/);
  await page.screenshot({ path: "/tmp/inbox-shots/offline-messages.png" });
  await item.getByRole("button", { name: "Mark handled" }).click();
  await expect(item).toContainText("Handled");
  await expect(item.getByRole("button", { name: "Mark handled" })).toHaveCount(0);
});

test("in Dutch, a Dutch chat offers Dutch replies beside the box labelled Antwoord", async ({ page }) => {
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Language").selectOption("nl");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Wachtwoord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByLabel("Status").selectOption("online");

  const { socket: visitor } = await connectVisitor(server.url, { name: "Daan Jansen", locale: "nl", timeZone: "Europe/Amsterdam" });
  const started = await emitAck(visitor, "conversation:start", { body: "Mijn bestelling is niet aangekomen", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  await page.locator(".chat-row", { hasText: "Daan Jansen" }).getByRole("button").click();
  await expect(page.getByRole("navigation", { name: "Gespreksfase" }).locator("[aria-current=step]")).toContainText("Opening");
  await page.getByRole("button", { name: /^Begroeting/ }).click();
  await expect(page.getByLabel("Antwoord", { exact: true })).toHaveValue(/^Goede(morgen|middag|navond)/);
  await page.getByLabel("Antwoord", { exact: true }).pressSequentially(" Dit is een HEEL ERG dringend bericht!!");
  await expect(page.locator(".hint[data-code=all_caps]")).toContainText("Hoofdletters");
  await expect(page.getByRole("button", { name: "Verstuur" })).toBeEnabled();
  await page.screenshot({ path: "/tmp/inbox-shots/dutch-conversation.png" });
  visitor.disconnect();
});

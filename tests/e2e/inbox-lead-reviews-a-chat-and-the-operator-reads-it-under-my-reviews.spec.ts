// A team lead finds a chat among the past conversations by its contact reason, reads it against the method
// (timeline, hints acted upon, greeting, closing), leaves a note and a score in Dutch, and sees in Reports the
// method of each operator and the chats per reason, narrowed to one reason in a chosen zone; the operator then
// reads the note under My reviews.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { ContactReason, Conversation } from "@live-chat/protocol";
import { api, createOperator, connectVisitor, emitAck, login, nextEvent, onlineOperator, type OperatorSocket } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

/** One chat of the operator's, from the visitor's first line to the operator ending it after the visitor left. */
async function chat(operator: OperatorSocket, visitorName: string, texts: string[], reasonIds: string[]): Promise<string> {
  const { socket: visitor } = await connectVisitor(server.url, { name: visitorName, locale: "en" });
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned");
  expect((await emitAck(visitor, "conversation:start", { body: "Where is my parcel?", clientId: randomUUID() })).ok).toBe(true);
  const id = (await assigned).id;
  for (const body of texts) expect((await emitAck(operator, "message:send", { conversationId: id, clientId: randomUUID(), body })).ok).toBe(true);
  if (reasonIds.length > 0) expect((await emitAck(operator, "conversation:reasons", { conversationId: id, reasonIds })).ok).toBe(true);
  expect((await emitAck(visitor, "conversation:leave", { conversationId: id })).ok).toBe(true);
  const closed = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === id && c.status === "closed");
  expect((await emitAck(operator, "conversation:close", { conversationId: id })).ok).toBe(true);
  await closed;
  visitor.close();
  return id;
}

test("a lead reviews one chat and its operator reads the review", async ({ page, browser }) => {
  const admin = await login(server.url);
  const parcel = await api<ContactReason>(server.url, "/api/contact-reasons", { method: "POST", token: admin.token, body: { names: { nl: "Pakket", en: "Parcel" } } });
  const lead = await createOperator(server.url, admin.token, { name: "Lotte Lead", role: "lead" });
  const eva = await createOperator(server.url, admin.token, { name: "Eva Operator" });
  const evaSocket = await onlineOperator(server.url, eva.token);
  await chat(evaSocket, "Rob Review", ["Good afternoon Rob, I am Eva. How can I help you?", "YOUR PARCEL COMES TOMORROW", "Sorry, your parcel comes tomorrow, Rob."], [parcel.body.id]);
  await chat(evaSocket, "Mia Other", ["What is your order number?"], []);
  evaSocket.close();

  // The lead's navigation: coaching and Reports, but nothing an admin manages.
  await signInToInbox(page, server.url, lead);
  const nav = page.getByRole("navigation", { name: /Main|Hoofd/ });
  await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Past conversations" }).click();
  await expect(page.getByRole("link", { name: "Open the review of the chat with Mia Other" })).toBeVisible();
  await page.getByLabel("Contact reason").selectOption({ label: "Parcel" });
  await expect(page.getByRole("link", { name: "Open the review of the chat with Mia Other" })).toHaveCount(0);
  await page.getByRole("link", { name: "Open the review of the chat with Rob Review" }).click();

  await expect(page.getByRole("heading", { name: "Review of the chat with Rob Review" })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Phase: Question")).toBeVisible();
  await expect(timeline.locator("li", { hasText: /YOUR PARCEL COMES TOMORROW/ })).toContainText("Hint: Capitals read as shouting. Write in ordinary letters. Acted upon.");
  const figures = page.getByRole("region", { name: "Against the method" });
  await expect(figures.getByRole("definition").nth(1)).toHaveText("Yes");
  await expect(figures).toContainText("Waited for the visitor to leave");
  await expect(figures).toContainText("1, of which 1 acted upon");

  // The note and score, in Dutch.
  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByRole("heading", { name: "Beoordeling: gesprek met Rob Review" })).toBeVisible();
  await page.getByRole("button", { name: "Beoordeling opslaan" }).click();
  await expect(page.getByText("Schrijf een korte notitie voor de medewerker.")).toBeVisible();
  await page.getByLabel("Notitie bij de beoordeling").fill("Mooie begroeting; schrijf nooit in hoofdletters.");
  await page.getByLabel("Score").selectOption({ label: "4 uit 5" });
  await page.getByRole("button", { name: "Beoordeling opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Beoordeling opgeslagen." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Notities bij de beoordeling" })).toContainText("4 uit 5, door Lotte Lead");
  await page.getByLabel("Taal").selectOption("en");

  // Reports: the method per operator, and the hours in a chosen zone.
  await nav.getByRole("link", { name: "Reports" }).click();
  const method = page.getByRole("table", { name: "Method of each operator" });
  const evaRow = method.getByRole("row", { name: /Eva Operator/ });
  await expect(evaRow.getByRole("cell").nth(0)).toHaveText("2");
  await expect(evaRow.getByRole("cell").nth(1)).toHaveText("50%");
  await expect(page.getByRole("button", { name: "Set targets" })).toHaveCount(0);
  const perReason = page.getByRole("region", { name: "Chats per contact reason" });
  await expect(perReason.getByRole("row", { name: /Parcel/ }).getByRole("cell").nth(1)).toHaveText("1");
  await expect(perReason.getByRole("row", { name: /Closed without a reason/ }).getByRole("cell").nth(1)).toHaveText("1");
  // Narrowed to one reason and read in another zone, on Show.
  await page.getByLabel("Contact reason", { exact: true }).selectOption({ label: "Parcel" });
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByText("Chats started per hour, in the zone Asia/Tokyo.", { exact: false })).toBeVisible();
  await expect(evaRow.getByRole("cell").nth(0)).toHaveText("1");
  await expect(evaRow.getByRole("cell").nth(1)).toHaveText("100%");
  // From a reason in Reports to the past conversations that carry it, and back.
  await perReason.getByRole("link", { name: "Parcel" }).click();
  await expect(page.getByLabel("Contact reason", { exact: true })).toHaveValue(parcel.body.id);
  await expect(page.getByRole("link", { name: "Open the review of the chat with Rob Review" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the review of the chat with Mia Other" })).toHaveCount(0);
  await page.goBack();
  await expect(method).toBeVisible();

  // The operator reads the review under My reviews, and cannot write one.
  const evaContext = await browser.newContext();
  const evaPage = await evaContext.newPage();
  await signInToInbox(evaPage, server.url, eva);
  await evaPage.getByRole("link", { name: "My reviews" }).click();
  const row = evaPage.locator("tr", { hasText: "Mooie begroeting; schrijf nooit in hoofdletters." });
  await expect(row).toContainText("Lotte Lead");
  await expect(row).toContainText("4 of 5");
  await row.getByRole("link", { name: "Open review" }).click();
  await expect(evaPage.getByRole("heading", { name: "Review of the chat with Rob Review" })).toBeVisible();
  await expect(evaPage.getByRole("region", { name: "Review notes" })).toContainText("4 of 5, by Lotte Lead");
  await expect(evaPage.getByLabel("Review note", { exact: true })).toHaveCount(0);
  await expect(evaPage.getByRole("link", { name: "Reports" })).toHaveCount(0);
  await evaContext.close();
});

// The "Offline messages" tab counts the messages nobody has handled yet, like the other tabs count
// theirs: it goes down when one is marked handled, up when a visitor leaves a new one while the inbox
// is open, and turns urgent once a promised answer time has passed. The count is in the tab's name.
import { expect, test, type Page } from "@playwright/test";
import type { OfflineMessage } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, login, type VisitorSocket } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function leave(visitor: VisitorSocket, name: string, body: string): Promise<string> {
  const ack = await emitAck<{ ok: boolean; id: string }>(visitor, "offline:message", { name, email: `${name.toLowerCase()}@example.com`, body });
  expect(ack.ok).toBe(true);
  return ack.id;
}

async function signIn(page: Page): Promise<void> {
  await signInToInbox(page, server.url);
}

test("the offline tab shows how many messages wait, kept current as they are handled and arrive", async ({ page }) => {
  const { socket: visitor } = await connectVisitor(server.url, { locale: "en" });
  await leave(visitor, "Olivia", "Please send me the invoice again");
  await leave(visitor, "Piet", "Can someone call me about my order?");

  await signIn(page);
  const tab = page.getByRole("tab", { name: /Offline messages/ });
  // The count is there before the tab is opened, and part of the tab's name.
  await expect(page.getByRole("tab", { name: /My chats/ })).toHaveAttribute("aria-selected", "true");
  await expect(tab).toHaveAccessibleName("Offline messages 2");
  await expect(tab.locator(".count")).toHaveText("2");
  await expect(tab.locator(".count")).not.toHaveClass(/urgent/);

  await tab.click();
  await page.locator(".offline-item", { hasText: "Olivia" }).getByRole("button", { name: "Mark handled" }).click();
  await expect(tab).toHaveAccessibleName("Offline messages 1");
  await expect(page.locator(".offline-item.handled", { hasText: "Olivia" })).toBeVisible();

  // A new one while the inbox is open (pushed, no reload), on another tab too.
  await page.getByRole("tab", { name: /Queue/ }).click();
  await leave(visitor, "Quinten", "Do you ship to Belgium?");
  await expect(tab).toHaveAccessibleName("Offline messages 2");
  await tab.click();
  await expect(page.locator(".offline-item", { hasText: "Quinten" })).toBeVisible();

  // Handled elsewhere (by a colleague, through the API): the count follows when the tab is opened again.
  const token = (await login(server.url)).token;
  const list = (await api<OfflineMessage[]>(server.url, "/api/offline-messages", { token })).body;
  const piet = list.find((m) => m.name === "Piet")!;
  expect((await api(server.url, `/api/offline-messages/${piet.id}/handled`, { method: "POST", token, body: {} })).status).toBe(200);
  await page.getByRole("tab", { name: /Queue/ }).click();
  await tab.click();
  await expect(tab).toHaveAccessibleName("Offline messages 1");

  // Once the promised answer time has passed, the badge is urgent and says so.
  const due = Date.parse(list.find((m) => m.name === "Quinten")!.dueAt);
  await page.clock.setFixedTime(due + 60_000);
  await expect(tab.locator(".count")).toHaveClass(/urgent/);
  await expect(tab).toHaveAccessibleName("Offline messages 1 (1 overdue)");
  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByRole("tab", { name: /Offline berichten/ })).toHaveAccessibleName("Offline berichten 1 (1 te laat)");
  visitor.close();
});

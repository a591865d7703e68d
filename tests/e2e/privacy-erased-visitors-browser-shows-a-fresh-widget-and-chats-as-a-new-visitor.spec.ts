// An erased visitor's browser stops being that visitor: the page still open when the admin erases them in the
// Privacy page forgets the chat at once (screen and storage), a reload shows nothing of it either, and the next chat
// reaches the team as a new visitor's.
import type { Page } from "@playwright/test";
import type { Conversation } from "@live-chat/protocol";
import { api, emitAck, eventually, login } from "../support/clients.js";
import { signInToInbox } from "./inbox-fixtures.js";
import { expect, openChat, sendMessage, test, type Operator } from "./widget-fixtures.js";

/** Everything the widget keeps in this browser for the chat server, by item. */
async function stored(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const prefix = `live-chat:v1:${location.origin}:`;
    return Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k.slice(prefix.length), localStorage.getItem(k)!]));
  });
}
/** The keys of the files the widget keeps in IndexedDB for uploads not yet sent (its "live-chat-files" database). */
async function keptFiles(page: Page, add?: string): Promise<string[]> {
  return page.evaluate(
    (add) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("live-chat-files", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("files");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("files", "readwrite");
          if (add) tx.objectStore("files").put(new Blob([`kept for ${add}`]), add);
          const keys = tx.objectStore("files").getAllKeys();
          tx.oncomplete = () => {
            open.result.close();
            resolve((keys.result as IDBValidKey[]).map(String));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    add,
  );
}
const visitorIdOf = (token: string | undefined) => /^"vt1_(v[0-9a-f]+)\./.exec(token ?? "")?.[1];

/** The visitor chats under `name`, hears back, ends the chat, and the operator closes it: only an ended chat can be erased. */
async function chatThatEnded(page: Page, url: string, operator: Operator, name: string, body: string, answer: string): Promise<Conversation> {
  const assigned = operator.nextAssigned();
  await openChat(page, url);
  await page.getByRole("textbox", { name: "Name (optional)" }).fill(name);
  await sendMessage(page, body);
  const chat = await assigned;
  await operator.say(chat.id, answer);
  await expect(page.getByText(answer)).toBeVisible();
  await page.getByRole("button", { name: "End chat" }).click();
  await page.getByRole("button", { name: "Yes, end chat" }).click();
  await expect(page.getByText("This chat has ended.")).toBeVisible();
  await eventually(async () => expect((await emitAck(operator.socket, "conversation:close", { conversationId: chat.id })).ok).toBe(true));
  return chat;
}

test("a visitor erased in the Privacy page sees a fresh widget, open or reloaded, and their next chat is a new visitor's", async ({ page, browser, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const chat = await chatThatEnded(page, server.url, anna, "Femke de Vries", "Mijn bestelnummer is 4711", "Ik kijk het na, Femke.");
  const erasedId = visitorIdOf((await stored(page)).token);
  expect(erasedId).toBe(chat.visitor.id);
  // A screenshot the widget kept for an upload that was still waiting (as it does while offline).
  expect(await keptFiles(page, "screenshot-bestelling.png")).toEqual(["screenshot-bestelling.png"]);

  const inbox = await (await browser.newContext()).newPage();
  await signInToInbox(inbox, server.url);
  await inbox.getByRole("link", { name: "Privacy" }).click();
  await inbox.getByLabel("Name or e-mail address").fill("femke");
  await inbox.getByRole("button", { name: "Search", exact: true }).click();
  await inbox.getByRole("button", { name: /^Erase: Femke de Vries/ }).click();
  await inbox.getByRole("dialog").getByRole("button", { name: "Erase", exact: true }).click();
  await expect(inbox.getByRole("status")).toHaveText(/Femke de Vries.* has been erased\./);

  // The page still open: nothing of the chat on screen, a fresh chat to start, and the browser keeps none of it.
  await expect(page.getByText("Mijn bestelnummer is 4711")).toHaveCount(0);
  await expect(page.getByText("Ik kijk het na, Femke.")).toHaveCount(0);
  await expect(page.getByText("This chat has ended.")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name (optional)" })).toHaveValue("");
  await expect.poll(async () => visitorIdOf((await stored(page)).token)).toMatch(/^v/);
  expect(visitorIdOf((await stored(page)).token)).not.toBe(erasedId);
  expect(Object.keys(await stored(page)).filter((item) => ["conversation", "left", "seen", "outbox"].includes(item))).toEqual([]);
  await expect.poll(() => keptFiles(page)).toEqual([]);

  // Reloaded: still nothing of it.
  await page.reload();
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(page.getByText("Mijn bestelnummer is 4711")).toHaveCount(0);
  await expect(page.getByText("Ik kijk het na, Femke.")).toHaveCount(0);

  // A new chat from this browser reaches the team as a new visitor's; the erased one has no chat left.
  const next = anna.nextAssigned();
  await sendMessage(page, "Een nieuwe vraag");
  const fresh: Conversation = await next;
  expect(fresh.visitor.id).not.toBe(erasedId);
  expect(fresh.visitor.id).toBe(visitorIdOf((await stored(page)).token));
  const admin = await login(server.url);
  expect((await api<unknown[]>(server.url, `/api/visitors/${erasedId}/conversations`, { token: admin.token })).body).toEqual([]);
  await expect(page.getByText("Een nieuwe vraag")).toBeVisible();
  await inbox.context().close();
});

test("a visitor erased while their tab was closed comes back as a new visitor, and the browser forgets the old chat", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const chat = await chatThatEnded(page, server.url, anna, "Gijs Bakker", "Waar blijft pakket 5822?", "Het is onderweg, Gijs.");
  expect(Object.keys(await stored(page))).toContain("left");
  const context = page.context();
  await page.close();

  const admin = await login(server.url);
  expect((await api(server.url, `/api/privacy/visitors/${chat.visitor.id}`, { method: "DELETE", token: admin.token })).status).toBe(204);

  // The next visit presents the old token: the server says it was erased, and the browser starts over.
  const back = await context.newPage();
  await back.goto(`${server.url}/demo`);
  await expect.poll(async () => visitorIdOf((await stored(back)).token) ?? chat.visitor.id).not.toBe(chat.visitor.id);
  expect(Object.keys(await stored(back))).not.toContain("left");
  await back.getByRole("button", { name: "Open chat" }).click();
  await expect(back.getByRole("textbox", { name: "Name (optional)" })).toHaveValue("");
  const next = anna.nextAssigned();
  await sendMessage(back, "Nog een vraag");
  expect((await next).visitor.id).toBe(visitorIdOf((await stored(back)).token));
  await expect(back.getByText("Waar blijft pakket 5822?")).toHaveCount(0);
  await expect(back.getByText("Het is onderweg, Gijs.")).toHaveCount(0);
});

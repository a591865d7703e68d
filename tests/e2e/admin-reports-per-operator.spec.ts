// Reports per operator: a table with a row per member of the team (most chats first), each with the
// chats that ended with them, their times, rating and promises kept; deactivated colleagues marked,
// and only when they had chats; in English and, after switching, in Dutch.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Conversation, FollowUp } from "@live-chat/protocol";
import {
  ADMIN,
  api,
  connectVisitor,
  createOperator,
  emitAck,
  eventually,
  login,
  nextEvent,
  onlineOperator,
  type OperatorSocket,
} from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

/**
 * A visitor starts a chat that goes to `operator` (the only one online), the operator answers, the
 * visitor leaves and the operator closes it; `during` runs while the chat is open. Returns its id.
 */
async function handledChat(operator: OperatorSocket, visitorName: string, opts: { rating?: number; during?: (id: string) => Promise<void> } = {}) {
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned");
  const { socket: visitor } = await connectVisitor(server.url, { name: visitorName, locale: "en" });
  const started = await emitAck(visitor, "conversation:start", { body: "Where is my order?", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  const id: string = (await assigned).id;
  expect(id).toBe(started.conversation.id);
  expect((await emitAck(operator, "message:send", { conversationId: id, clientId: randomUUID(), body: "Good afternoon, how can I help?" })).ok).toBe(true);
  await opts.during?.(id);
  expect((await emitAck(visitor, "conversation:leave", { conversationId: id })).ok).toBe(true);
  await eventually(async () => expect((await emitAck(operator, "conversation:close", { conversationId: id })).ok).toBe(true));
  if (opts.rating !== undefined) expect((await emitAck(visitor, "rating", { conversationId: id, score: opts.rating })).ok).toBe(true);
  visitor.close();
  return id;
}

/** Only one operator is online at a time, so each chat goes to the one meant. */
async function goOffline(socket: OperatorSocket) {
  expect((await emitAck(socket, "presence:set", { status: "offline" })).ok).toBe(true);
  socket.close();
}

test("the reports list each operator with their chats, times and rating", async ({ page }) => {
  const admin = await login(server.url);
  const bram = await createOperator(server.url, admin.token, { name: "Bram Beta" });
  const anna = await createOperator(server.url, admin.token, { name: "Anna Alpha" });
  const dirk = await createOperator(server.url, admin.token, { name: "Dirk Delta" });
  const eef = await createOperator(server.url, admin.token, { name: "Eef Extra" });

  // Bram: two chats, one rated 5.
  const bramSocket = await onlineOperator(server.url, bram.token);
  await handledChat(bramSocket, "Karin", { rating: 5 });
  await handledChat(bramSocket, "Kees");
  await goOffline(bramSocket);

  // Anna: one chat, unrated, in which she promised a call back and made it in time.
  const annaSocket = await onlineOperator(server.url, anna.token);
  await handledChat(annaSocket, "Lotte", {
    during: async (id) => {
      const promised = await api<FollowUp>(server.url, `/api/conversations/${id}/follow-ups`, {
        token: anna.token,
        body: { channel: "callback", phone: "+31 20 123 4567", dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: "Call about the delivery" },
      });
      expect(promised.status).toBe(201);
      expect((await api(server.url, `/api/follow-ups/${promised.body.id}/done`, { token: anna.token, body: { done: true } })).status).toBe(200);
    },
  });
  await goOffline(annaSocket);

  // Dirk had a chat and has left since; Eef left without any chat, so is not listed.
  const dirkSocket = await onlineOperator(server.url, dirk.token);
  await handledChat(dirkSocket, "Mila");
  await goOffline(dirkSocket);
  for (const user of [dirk, eef]) expect((await api(server.url, `/api/users/${user.id}`, { method: "DELETE", token: admin.token })).status).toBeLessThan(300);

  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Reports" }).click();

  const table = page.getByRole("table", { name: "Per operator" });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Operator",
    "Conversations",
    "First response (median)",
    "Handling time (median)",
    "Closing checklist complete",
    "Customer rating",
    "Promises kept on time",
    "Transfers per conversation",
  ]);
  // Most chats first, then by name; the admin is active, so listed without chats; Eef is not.
  await expect(table.getByRole("rowheader")).toHaveText(["Bram Beta", "Anna Alpha", /^Dirk Delta\s*Deactivated$/, "Admin"]);
  const cells = (name: string, within = table) => within.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) }).getByRole("cell");

  // Conversations, first response, handling, checklist, rating, promises, transfers.
  await expect(cells("Bram Beta").nth(0)).toHaveText("2");
  await expect(cells("Bram Beta").nth(1)).toHaveText(/^[\d.]+ s$|min/);
  await expect(cells("Bram Beta").nth(2)).toHaveText(/^[\d.]+ s$|min/);
  await expect(cells("Bram Beta").nth(4)).toHaveText("5 out of 5 (1 rating)");
  await expect(cells("Bram Beta").nth(5)).toHaveText("—");
  await expect(cells("Bram Beta").nth(6)).toHaveText("0");
  await expect(cells("Anna Alpha").nth(0)).toHaveText("1");
  await expect(cells("Anna Alpha").nth(4)).toHaveText("—");
  await expect(cells("Anna Alpha").nth(5)).toHaveText("1 of 1 (100%)");
  await expect(cells("Dirk Delta").nth(0)).toHaveText("1");
  await expect(cells("Admin").nth(0)).toHaveText("0");
  await expect(cells("Admin").nth(1)).toHaveText("—");
  await expect(cells("Admin").nth(2)).toHaveText("—");
  await expect(cells("Admin").nth(3)).toHaveText("—");
  await expect(cells("Admin").nth(4)).toHaveText("—");

  await page.getByLabel("Language").selectOption("nl");
  const nl = page.getByRole("table", { name: "Per medewerker" });
  await expect(nl.getByRole("columnheader")).toHaveText([
    "Medewerker",
    "Gesprekken",
    "Eerste reactie (mediaan)",
    "Behandeltijd (mediaan)",
    "Afsluitchecklist volledig",
    "Beoordeling door klanten",
    "Toezeggingen op tijd",
    "Overdrachten per gesprek",
  ]);
  await expect(nl.getByRole("rowheader")).toHaveText(["Bram Beta", "Anna Alpha", /^Dirk Delta\s*Gedeactiveerd$/, "Admin"]);
  await expect(cells("Bram Beta", nl).nth(4)).toHaveText("5 van 5 (1 beoordeling)");
  await expect(cells("Anna Alpha", nl).nth(5)).toHaveText("1 van 1 (100%)");

  // Another range reloads the table with the summary: nobody had chats then, so the active team by
  // name, and Dirk, deactivated, no longer.
  await page.getByLabel("Van").fill("2001-01-01");
  await page.getByLabel("Tot en met").fill("2001-01-31");
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(nl.getByRole("rowheader")).toHaveText(["Admin", "Anna Alpha", "Bram Beta"]);
  await expect(cells("Bram Beta", nl).nth(0)).toHaveText("0");
  await expect(page.locator(".tile").filter({ hasText: "Gesprekken" }).locator(".value")).toHaveText("0");
});

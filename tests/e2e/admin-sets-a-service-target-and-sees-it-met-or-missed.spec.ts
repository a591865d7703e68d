// An admin sets service targets on the reports page and sees each figure met or missed: one handled
// chat rated 5 meets a 4.0 rating target and, with its closing checklist left undone, misses a 100%
// checklist target; the targets saved are the ones typed, and the verdicts read in Dutch too.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Conversation, ServiceTarget } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, eventually, login, nextEvent, onlineOperator } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

test("an admin sets targets and sees them met or missed", async ({ page }) => {
  const admin = await login(server.url);
  const operator = await onlineOperator(server.url, admin.token);
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Rita Rated", locale: "en" });
  const started = await emitAck(visitor, "conversation:start", { body: "Is my parcel on its way?", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  const id: string = (await assigned).id;
  expect((await emitAck(operator, "message:send", { conversationId: id, clientId: randomUUID(), body: "Good afternoon, it is." })).ok).toBe(true);
  expect((await emitAck(visitor, "conversation:leave", { conversationId: id })).ok).toBe(true);
  await eventually(async () => expect((await emitAck(operator, "conversation:close", { conversationId: id })).ok).toBe(true));
  expect((await emitAck(visitor, "rating", { conversationId: id, score: 5 })).ok).toBe(true);
  visitor.close();
  expect((await emitAck(operator, "presence:set", { status: "offline" })).ok).toBe(true);
  operator.close();

  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Reports" }).click();
  const targets = page.getByRole("region", { name: "Service targets" });
  await expect(targets.getByText("No targets set yet.")).toBeVisible();
  await targets.getByRole("button", { name: "Set targets" }).click();
  await targets.getByLabel("Average rating").fill("4");
  await targets.getByLabel("Closing checklist complete").fill("100");
  await targets.getByRole("button", { name: "Save targets" }).click();

  const rating = targets.locator('tr[data-metric="rating_average"]');
  const checklist = targets.locator('tr[data-metric="closing_checklist_complete"]');
  await expect(rating).toContainText("Met");
  await expect(rating).toContainText("5");
  await expect(checklist).toContainText("Missed");
  await expect(checklist).toContainText("0%");
  const saved = await api<ServiceTarget[]>(server.url, "/api/reports/targets", { token: admin.token });
  expect(saved.body).toEqual(expect.arrayContaining([{ metric: "rating_average", target: 4 }, { metric: "closing_checklist_complete", target: 1 }]));
  expect(saved.body).toHaveLength(2);

  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByRole("region", { name: "Servicedoelen" }).locator('tr[data-metric="rating_average"]')).toContainText("Gehaald");
  await expect(page.getByRole("region", { name: "Servicedoelen" }).locator('tr[data-metric="closing_checklist_complete"]')).toContainText("Niet gehaald");
});

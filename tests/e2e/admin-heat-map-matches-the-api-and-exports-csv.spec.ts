// The reports' heat map: its table holds exactly the API's cells for the admin's zone, the chat's
// hour is called out as the busiest, and a table's CSV export arrives as a download of the server's CSV.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Heatmap } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();
const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

test("the heat map table matches the API, and CSV exports download", async ({ page }) => {
  const admin = await login(server.url);
  const { socket: visitor } = await connectVisitor(server.url, { name: "Hanna Heat", locale: "en" });
  expect((await emitAck(visitor, "conversation:start", { body: "Anyone there?", clientId: randomUUID() })).ok).toBe(true);
  visitor.close();

  await signInToInbox(page, server.url);
  const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const query = new URLSearchParams({ from: isoDate(new Date(Date.now() - 29 * DAY_MS)), to: isoDate(new Date()), tz });
  const expected = await api<Heatmap>(server.url, `/api/reports/heatmap?${query}`, { token: admin.token });
  expect(expected.status).toBe(200);
  expect(expected.body.cells.flat().reduce((a, b) => a + b, 0)).toBe(1);

  await page.getByRole("link", { name: "Reports" }).click();
  const section = page.getByRole("region", { name: "Chats per hour of the week" });
  await expect(section.getByRole("img", { name: "Chats per hour of the week" })).toBeVisible();
  const rows = section.locator("table.heatmap-table tbody tr");
  await expect(rows).toHaveCount(7);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent))));
  expect(shown).toEqual(expected.body.cells);
  const busiest = expected.body.busiest[0]!;
  await expect(section.locator("ol.busiest li").first()).toContainText(`${busiest.hour}:00: 1 chats`);

  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Heat map (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^heatmap-.*\.csv$/);
  const csv = await readFile((await file.path())!, "utf8");
  // The server's CSV is not JSON, so it is fetched here rather than through api().
  const direct = await fetch(`${server.url}/api/reports/export.csv?${new URLSearchParams({ table: "heatmap", ...Object.fromEntries(query) })}`, { headers: { authorization: `Bearer ${admin.token}` } });
  expect(direct.status).toBe(200);
  expect(csv.length).toBeGreaterThan(0);
  expect(csv).toBe(await direct.text());

  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByRole("region", { name: "Chats per weekdag en uur" }).getByText("Drukste uren")).toBeVisible();
});

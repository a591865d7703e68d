// An admin keeps the contact reasons: adds one in nl and en, moves it up, retires it and brings it
// back, each step as the server then has it; the section speaks Dutch after switching.
import { expect, test } from "@playwright/test";
import type { ContactReason } from "@live-chat/protocol";
import { api, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function reasons(token: string): Promise<ContactReason[]> {
  const res = await api<ContactReason[]>(server.url, "/api/contact-reasons?all=true", { token });
  expect(res.status).toBe(200);
  return res.body;
}

test("an admin adds, orders, retires and reactivates a contact reason", async ({ page }) => {
  const admin = await login(server.url);
  const before = await reasons(admin.token);
  const first = await api<ContactReason>(server.url, "/api/contact-reasons", { method: "POST", token: admin.token, body: { names: { nl: "Bestelling", en: "Order" } } });
  expect(first.status).toBe(201);

  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Contact reasons" }).click();
  await expect(page.getByRole("heading", { name: "Contact reasons" })).toBeVisible();
  await page.getByLabel("Name (Dutch)").fill("Retour");
  await page.getByLabel("Name (English)").fill("Return");
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect(page.getByLabel("English name of Return")).toHaveValue("Return");

  let saved = await reasons(admin.token);
  expect(saved).toHaveLength(before.length + 2);
  const added = saved.at(-1)!;
  expect(added.names).toEqual({ nl: "Retour", en: "Return" });
  expect(added.active).toBe(true);

  // Moving it up puts it before "Order", which was the last before it.
  await page.getByRole("button", { name: "Move Return up" }).click();
  await expect(page.getByRole("button", { name: "Move Return down" })).toBeEnabled();
  saved = await reasons(admin.token);
  expect(saved.map((r) => r.id).slice(-2)).toEqual([added.id, first.body.id]);

  await page.getByRole("button", { name: "Retire Return" }).click();
  await expect(page.getByRole("button", { name: "Reactivate Return" })).toBeVisible();
  expect((await reasons(admin.token)).find((r) => r.id === added.id)?.active).toBe(false);

  await page.getByRole("button", { name: "Reactivate Return" }).click();
  await expect(page.getByRole("button", { name: "Retire Return" })).toBeVisible();
  expect((await reasons(admin.token)).find((r) => r.id === added.id)?.active).toBe(true);

  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByRole("heading", { name: "Contactredenen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retour buiten gebruik stellen" })).toBeVisible();
});

// The "add a user" form shows the capacity default from Settings and leaves it to the server when the
// admin does not touch it, so a new user gets the configured default, not a number baked into the form.
import { expect, test } from "@playwright/test";
import type { Settings, User } from "@live-chat/protocol";
import { api, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

test("a user added without touching capacity gets the configured default; a typed capacity wins", async ({ page }) => {
  const token = (await login(server.url)).token;
  const set = await api<Settings>(server.url, "/api/settings", { method: "PATCH", token, body: { defaultMaxChats: 5 } });
  expect(set.status).toBe(200);
  expect(set.body.defaultMaxChats).toBe(5);

  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Users" }).click();
  const admin = page.locator("lc-admin-area");
  const form = admin.locator("form.create");
  await expect(form.getByLabel("Max chats")).toHaveValue("5");
  await expect(form.getByText("The default from Settings is 5.")).toBeVisible();

  // Capacity untouched: the request leaves it to the server, which applies the default.
  await form.getByLabel("Name").fill("Daan Default");
  await form.getByLabel("Email").fill("daan@example.com");
  await form.getByLabel("Password").fill("daan-password-1");
  const created = page.waitForRequest((r) => r.url().endsWith("/api/users") && r.method() === "POST");
  await form.getByRole("button", { name: "Add user" }).click();
  expect(((await created).postDataJSON() as { maxChats?: number }).maxChats).toBeUndefined();
  await expect(admin.getByRole("status")).toHaveText("Daan Default can now sign in.");
  await expect(admin.getByRole("row", { name: /Daan Default/ }).getByRole("cell").nth(2)).toHaveText("5");
  const users = (await api<User[]>(server.url, "/api/users", { token })).body;
  expect(users.find((u) => u.email === "daan@example.com")?.maxChats).toBe(5);

  // The form is empty again and still shows the default; a typed capacity is sent and kept.
  await expect(form.getByLabel("Name")).toHaveValue("");
  await expect(form.getByLabel("Max chats")).toHaveValue("5");
  await form.getByLabel("Name").fill("Tess Typed");
  await form.getByLabel("Email").fill("tess@example.com");
  await form.getByLabel("Password").fill("tess-password-1");
  await form.getByLabel("Max chats").fill("2");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(admin.getByRole("status")).toHaveText("Tess Typed can now sign in.");
  const again = (await api<User[]>(server.url, "/api/users", { token })).body;
  expect(again.find((u) => u.email === "tess@example.com")?.maxChats).toBe(2);

  // A capacity out of range is refused next to the field and creates nobody.
  await form.getByLabel("Name").fill("Otto Over");
  await form.getByLabel("Email").fill("otto@example.com");
  await form.getByLabel("Password").fill("otto-password-1");
  await form.getByLabel("Max chats").fill("500");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(admin.locator("#new-max-error")).toHaveText("This value is not accepted. Check it and try again.");
  expect((await api<User[]>(server.url, "/api/users", { token })).body.some((u) => u.email === "otto@example.com")).toBe(false);
});

// An admin writes a canned reply with a placeholder, sees it filled in the preview, is stopped by an
// unknown placeholder, saves it, and an operator finds it under its phase: over the API and in the inbox.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import type { CannedReply } from "@live-chat/protocol";
import { ADMIN, api, connectVisitor, createOperator, emitAck, login } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer();
});
test.afterAll(async () => {
  await server?.stop();
});

async function signIn(page: Page, email: string, password: string, locale: "en" | "nl" = "en"): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem("live-chat.inbox.locale", l), locale);
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel(locale === "nl" ? "E-mail" : "Email").fill(email);
  await page.getByLabel(locale === "nl" ? "Wachtwoord" : "Password").fill(password);
  await page.getByRole("button", { name: locale === "nl" ? "Inloggen" : "Sign in" }).click();
  await expect(page.getByLabel("Status")).toBeVisible();
}

/** Waits until the server counts this operator online, so the next chat can be routed to them. */
async function untilOnline(adminToken: string, userId: string): Promise<void> {
  await expect
    .poll(async () => (await api<Array<{ id: string; presence?: string }>>(server.url, "/api/users", { token: adminToken })).body.find((u) => u.id === userId)?.presence)
    .toBe("online");
}

test("an admin writes a reply with a placeholder, previews it, saves it, and an operator finds it under its phase", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.getByRole("link", { name: "Canned replies" }).click();
  const admin = adminPage.locator("lc-admin-area");
  await expect(admin.getByRole("heading", { name: "Canned replies" })).toBeVisible();

  await admin.getByRole("button", { name: "New reply" }).click();
  await admin.getByLabel("Title").fill("Warm welcome");
  const body = admin.getByLabel("Text", { exact: true });
  await body.fill("Hi ");
  await admin.getByRole("button", { name: "{visitor.firstName}" }).click();
  await body.press("End");
  await body.pressSequentially(", I'm {operator.firstName}. How can I help?");
  await expect(body).toHaveValue("Hi {visitor.firstName}, I'm {operator.firstName}. How can I help?");
  await expect(admin.getByTestId("preview-with-name")).toHaveText("Hi Sanne, I'm Jeroen. How can I help?");
  await expect(admin.getByTestId("preview-without-name")).toHaveText("Hi, I'm Jeroen. How can I help?");

  // A typo in a placeholder is flagged before saving, and saving waits until it is fixed.
  await body.fill("Hi {visitor.frstName}, I'm {operator.firstName}. How can I help?");
  await expect(admin.getByRole("alert")).toContainText("{visitor.frstName}");
  await expect(admin.getByRole("button", { name: "Save" })).toBeDisabled();
  await body.fill("Hi {visitor.firstName|there}, I'm {operator.firstName}. How can I help?");
  await expect(admin.getByTestId("preview-without-name")).toHaveText("Hi there, I'm Jeroen. How can I help?");

  await admin.getByLabel("Shortcut").fill("warm-welcome");
  await admin.locator("#locale").selectOption("en");
  await admin.getByRole("checkbox", { name: "Opening" }).check();
  await adminPage.screenshot({ path: "/tmp/admin-shots/e2e-editor.png", fullPage: true }).catch(() => undefined);
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("status")).toHaveText("Saved.");
  await admin.getByLabel("Phase").selectOption("opening");
  await expect(admin.getByRole("row", { name: /Warm welcome/ })).toContainText("/warm-welcome");

  // The operator's view of the same data.
  const adminToken = (await login(server.url)).token;
  const op = await createOperator(server.url, adminToken, { name: "Olivia Operator" });
  const listed = await api<CannedReply[]>(server.url, "/api/canned-replies?phase=opening&locale=en", { token: op.token });
  const ours = listed.body.find((r) => r.title === "Warm welcome");
  expect(ours).toMatchObject({ shortcut: "warm-welcome", phases: ["opening"], body: "Hi {visitor.firstName|there}, I'm {operator.firstName}. How can I help?" });
  const firstOtherPhase = listed.body.findIndex((r) => !r.phases.includes("opening"));
  expect(firstOtherPhase === -1 || listed.body.indexOf(ours!) < firstOtherPhase).toBe(true);

  // In the inbox: the title is beside the reply box of an opening-phase chat, and fills in the names.
  const opPage = await (await browser.newContext()).newPage();
  await signIn(opPage, op.email, op.password);
  await opPage.getByLabel("Status").selectOption("online");
  await untilOnline(adminToken, op.id);
  const { socket: visitor } = await connectVisitor(server.url, { name: "Bram Jansen", locale: "en" });
  expect((await emitAck(visitor, "conversation:start", { body: "Hello there", clientId: randomUUID() })).ok).toBe(true);
  await opPage.locator(".chat-row", { hasText: "Bram Jansen" }).getByRole("button").click();
  const canned = opPage.getByRole("button", { name: /^Warm welcome/ });
  await expect(canned).toBeVisible();
  await canned.click();
  await expect(opPage.getByLabel("Reply", { exact: true })).toHaveValue("Hi Bram, I'm Olivia. How can I help?");
  visitor.close();
});

test("the server's refusal reaches a Dutch admin next to the field it concerns", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password, "nl");
  await page.getByRole("link", { name: "Standaardantwoorden" }).click();
  const admin = page.locator("lc-admin-area");
  await admin.getByRole("button", { name: "Nieuw antwoord" }).click();
  await admin.getByLabel("Titel").fill("Dubbele sneltoets");
  await admin.getByLabel("Tekst", { exact: true }).fill("{greeting}, fijn dat u er bent.");
  const token = (await login(server.url)).token;
  const existing = await api<CannedReply>(server.url, "/api/canned-replies", { token, body: { title: "Bestaand", body: "Hallo", shortcut: "dubbel", locale: "nl", phases: ["opening"] } });
  expect(existing.status).toBe(201);
  await admin.getByLabel("Sneltoets").fill("dubbel");
  await admin.getByRole("checkbox", { name: "Opening" }).check();
  await admin.getByRole("button", { name: "Opslaan" }).click();
  const error = admin.locator("#shortcut-error");
  await expect(error).toContainText("Een ander antwoord in deze taal gebruikt deze sneltoets al.");
  await expect(admin.getByLabel("Sneltoets")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "/tmp/admin-shots/e2e-error-nl.png", fullPage: true }).catch(() => undefined);
});

test("an admin duplicates a reply and deletes the copy only after confirming", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "Canned replies" }).click();
  const admin = page.locator("lc-admin-area");
  await admin.getByLabel("Search").fill("Greeting");
  await admin.getByRole("button", { name: "Duplicate Greeting", exact: true }).click();
  await expect(admin.getByLabel("Title")).toHaveValue("Greeting (copy)");
  await expect(admin.getByLabel("Shortcut")).toHaveValue("");
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("row", { name: /Greeting \(copy\)/ })).toBeVisible();

  await admin.getByRole("button", { name: "Delete Greeting (copy)" }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog).toContainText("Delete the canned reply “Greeting (copy)”?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(admin.getByRole("row", { name: /Greeting \(copy\)/ })).toBeVisible();
  await admin.getByRole("button", { name: "Delete Greeting (copy)" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(admin.getByRole("row", { name: /Greeting \(copy\)/ })).toHaveCount(0);
  const token = (await login(server.url)).token;
  const left = await api<CannedReply[]>(server.url, "/api/canned-replies?q=Greeting", { token });
  expect(left.body.map((r) => r.title)).not.toContain("Greeting (copy)");
});

test("an admin's change to a canned reply reaches an inbox that is already open, without a reload", async ({ browser }) => {
  const adminToken = (await login(server.url)).token;
  const op = await createOperator(server.url, adminToken, { name: "Ruben Open" });
  const opPage = await (await browser.newContext()).newPage();
  await signIn(opPage, op.email, op.password);
  await opPage.getByLabel("Status").selectOption("online");
  await untilOnline(adminToken, op.id);
  // Olivia from the first test may still be online: deactivated, so this chat is Ruben's.
  const olivia = (await api<Array<{ id: string; name: string }>>(server.url, "/api/users", { token: adminToken })).body.find((u) => u.name === "Olivia Operator");
  if (olivia) await api(server.url, `/api/users/${olivia.id}`, { method: "PATCH", token: adminToken, body: { active: false } });
  const { socket: visitor } = await connectVisitor(server.url, { name: "Iris Open", locale: "en" });
  expect((await emitAck(visitor, "conversation:start", { body: "Hello", clientId: randomUUID() })).ok).toBe(true);
  await opPage.locator(".chat-row", { hasText: "Iris Open" }).getByRole("button").click();
  await expect(opPage.getByRole("button", { name: /^Greeting/ }).first()).toBeVisible();

  const created = await api<CannedReply>(server.url, "/api/canned-replies", {
    token: adminToken,
    body: { title: "Fresh from the admin", body: "{greeting}, welcome back!", locale: "en", phases: ["opening"] },
  });
  expect(created.status).toBe(201);
  await expect(opPage.getByRole("button", { name: /^Fresh from the admin/ })).toBeVisible();
  await api(server.url, `/api/canned-replies/${created.body.id}`, { method: "PATCH", token: adminToken, body: { title: "Renamed by the admin" } });
  await expect(opPage.getByRole("button", { name: /^Renamed by the admin/ })).toBeVisible();
  await expect(opPage.getByRole("button", { name: /^Fresh from the admin/ })).toHaveCount(0);
  await api(server.url, `/api/canned-replies/${created.body.id}`, { method: "DELETE", token: adminToken });
  await expect(opPage.getByRole("button", { name: /^Renamed by the admin/ })).toHaveCount(0);
  visitor.close();
});

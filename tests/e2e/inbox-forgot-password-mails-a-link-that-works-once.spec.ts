// "Forgot password?" on the sign-in page, against a real SMTP server started by the test: the
// operator asks for a link (the page answers the same for an unknown address), the mail arrives,
// its link sets a new password and signs in, the new password works, and the link works once;
// a used link says so and offers a new one. Both languages.
import { expect, test } from "@playwright/test";
import { api, createOperator } from "../support/clients.js";
import { toOf } from "../integration/mail-support.js";
import { useServerWithMail } from "./inbox-fixtures.js";

const { server, smtp } = useServerWithMail({ MAIL_FROM: "Support <support@example.com>", MAIL_POLL_MS: "100" });

test("an operator who forgot the password gets a link by mail that sets a new one, once", async ({ page, browser }) => {
  const admin = await api<{ token: string }>(server.url, "/api/auth/login", { body: { email: "admin@example.com", password: "admin-password-1" } });
  const op = await createOperator(server.url, admin.body.token, { name: "Mila Jansen", email: "mila@example.com" });
  await page.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await page.goto(`${server.url}/inbox`);
  await page.getByRole("button", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();

  // A malformed address is said next to the field and nothing is sent.
  await page.getByLabel("Email").fill("mila");
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.locator("#reset-email-error")).toHaveText("Enter the e-mail address you sign in with, such as name@example.com.");

  // An address without an account gets the same answer, and no mail.
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account with nobody@example.com exists, a link to choose a new password is on its way.");

  await page.getByLabel("Email").fill("mila@example.com");
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account with mila@example.com exists");
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
  const mail = smtp.received[0]!;
  expect(toOf(mail)).toBe("mila@example.com");
  expect(mail.subject).toBe("Choose a new password");
  const link = /(http:\/\/\S+#invite=[\w-]+)/.exec(mail.text ?? "")?.[1];
  expect(link).toBeDefined();

  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("mila-new-password-1");
  await page.getByLabel("Repeat password").fill("mila-new-password-1");
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByLabel("Status")).toBeVisible();
  await expect(page.locator(".who")).toHaveText("Signed in as Mila Jansen");
  expect((await api(server.url, "/api/auth/login", { body: { email: "mila@example.com", password: op.password } })).status).toBe(401);
  expect((await api(server.url, "/api/auth/login", { body: { email: "mila@example.com", password: "mila-new-password-1" } })).status).toBe(200);

  // The link again, in another browser: used up, said in Dutch too, with a way to a new link.
  const context = await browser.newContext();
  const again = await context.newPage();
  await again.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await again.goto(link!);
  await expect(again.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await again.getByLabel("Language").selectOption("nl");
  await expect(again.getByRole("alert")).toHaveText("Deze link is verlopen of al gebruikt. Vraag uw beheerder om een nieuwe.");
  await again.getByRole("button", { name: "Stuur mij een nieuwe link" }).click();
  await expect(again.getByRole("heading", { name: "Nieuw wachtwoord kiezen" })).toBeVisible();
  await again.getByLabel("E-mail").fill("mila@example.com");
  await again.getByRole("button", { name: "Stuur mij een link" }).click();
  await expect(again.getByRole("status")).toContainText("Als er een account met mila@example.com bestaat");
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(2);
  await again.getByRole("button", { name: "Naar inloggen" }).click();
  await expect(again.getByRole("button", { name: "Inloggen" })).toBeVisible();
  await context.close();
});

test("a reset link used elsewhere while the page was open says so when the password is saved", async ({ page }) => {
  await api(server.url, "/api/auth/password-reset", { body: { email: "admin@example.com" } });
  await expect.poll(() => smtp.received.filter((m) => toOf(m) === "admin@example.com").length, { timeout: 15_000 }).toBeGreaterThan(0);
  const mail = smtp.received.filter((m) => toOf(m) === "admin@example.com").at(-1)!;
  const token = /#invite=([\w-]+)/.exec(mail.text ?? "")![1]!;
  await page.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await page.goto(`${server.url}/inbox/#invite=${token}`);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  expect((await api(server.url, "/api/auth/password-reset/confirm", { body: { token, password: "admin-password-2" } })).status).toBe(204);
  await page.getByLabel("New password", { exact: true }).fill("admin-password-3");
  await page.getByLabel("Repeat password").fill("admin-password-3");
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("This reset link has expired or has already been used. Ask for a new one.");
  await expect(page.getByRole("button", { name: "Mail me a new link" })).toBeVisible();
});

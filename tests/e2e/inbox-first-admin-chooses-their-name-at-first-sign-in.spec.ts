// The first admin of a fresh install (no ADMIN_NAME) is asked at first sign-in for the name visitors
// will see, so greetings do not say "I'm Admin"; once chosen it is theirs and nobody asks again.
import { expect, test } from "@playwright/test";
import { ADMIN, api, login } from "../support/clients.js";
import { useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer({ env: { ADMIN_NAME: "" } });

test("the first admin is asked for their name once, a blank one is refused in place, and the chosen one is used from then on", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  const dialog = page.getByRole("dialog", { name: "What name should visitors see?" });
  await expect(dialog).toBeVisible();
  const name = dialog.getByLabel("Your name");
  await expect(name).toBeFocused();
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Please enter your name.");
  expect((await login(server.url)).user.name).toBe("Admin");

  await name.fill("Marieke de Vries");
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".who")).toHaveText("Signed in as Marieke de Vries");
  const session = await login(server.url);
  expect(session.user.name).toBe("Marieke de Vries");
  expect((await api<{ needsName?: boolean }>(server.url, "/api/me", { token: session.token })).body.needsName).toBeUndefined();

  await page.reload();
  await expect(page.getByLabel("Status")).toBeVisible();
  await expect(page.getByRole("dialog", { name: "What name should visitors see?" })).toHaveCount(0);
});

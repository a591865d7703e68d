import { api, login } from "../support/clients.js";
import { expect, patchSettings, test } from "./widget-fixtures.js";

test("with nobody online the widget says so before the visitor types and takes a message instead", async ({ page, server }) => {
  await page.goto(`${server.url}/demo`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByText("Nobody is online right now", { exact: false })).toBeVisible();

  await page.getByLabel("Name").fill("Sam Visitor");
  await page.getByLabel("Email").fill("sam@example.com");
  await page.getByRole("textbox", { name: "Message" }).fill("Can I return a cracked vase?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("We have your message", { exact: false })).toBeVisible();

  const admin = await login(server.url);
  const stored = await api<Array<{ name: string; email: string; body: string }>>(server.url, "/api/offline-messages", { token: admin.token });
  expect(stored.body.map((m) => [m.name, m.email, m.body])).toEqual([["Sam Visitor", "sam@example.com", "Can I return a cracked vase?"]]);
});

test.describe("in the visitor's own time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("a visitor asks to be called back and is told when, in their own time", async ({ page, server }) => {
    await page.goto(`${server.url}/demo`);
    await page.getByRole("button", { name: "Open chat" }).click();
    await expect(page.getByText("Nobody is online right now", { exact: false })).toBeVisible();
    await page.getByLabel("Name").fill("Kenji Visitor");
    await page.getByLabel("Email").fill("kenji@example.com");
    await page.getByRole("textbox", { name: "Message" }).fill("My parcel arrived broken.");
    await page.getByRole("checkbox", { name: "Please call me back" }).check();
    // A callback needs a number: the form does not go without one.
    await page.getByRole("button", { name: "Send" }).click();
    const phone = page.getByRole("textbox", { name: "Phone" });
    expect(await phone.evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    await phone.fill("call me");
    expect(await phone.evaluate((input: HTMLInputElement) => input.validity.patternMismatch)).toBe(true);
    await phone.fill("+31 6 1234 5678");
    await page.getByRole("button", { name: "Send" }).click();
    const thanks = page.getByText("We have your message and will call you back by", { exact: false });
    await expect(thanks).toBeVisible();

    const admin = await login(server.url);
    const stored = await api<Array<{ phone?: string; callbackRequested: boolean; dueAt: string }>>(server.url, "/api/offline-messages", { token: admin.token });
    expect(stored.body.map((m) => [m.phone, m.callbackRequested])).toEqual([["+31 6 1234 5678", true]]);
    // 24 hours from now by default: tomorrow, at the due time on the visitor's clock.
    const time = new Intl.DateTimeFormat("en", { hour: "numeric", minute: "2-digit", timeZone: "Asia/Tokyo" }).format(new Date(stored.body[0]!.dueAt));
    await expect(thanks).toContainText(`call you back by tomorrow at ${time}.`);
  });
});

test("outside business hours the widget says the team is closed, even with an operator online", async ({ page, server, bringOperatorOnline }) => {
  await bringOperatorOnline("Anna");
  await patchSettings(server.url, {
    businessHours: { enabled: true, timeZone: "Europe/Amsterdam", days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, closedDates: [] },
  });
  await page.goto(`${server.url}/demo`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByText("We are closed right now.", { exact: false })).toBeVisible();
  await expect(page.getByText("Nobody is online", { exact: false })).toHaveCount(0);

  await page.getByLabel("Name").fill("Sam Visitor");
  await page.getByLabel("Email").fill("sam@example.com");
  await page.getByRole("textbox", { name: "Message" }).fill("When do you open?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("We have your message and will answer by", { exact: false })).toBeVisible();
});

// Outside business hours the widget tells the visitor when the team is there again.
import { api, login } from "../support/clients.js";
import { expect, openChat, patchSettings, sendMessage, test } from "./widget-fixtures.js";

test.use({ timezoneId: "Europe/Amsterdam" });

const allDay = [{ open: "00:00", close: "23:59" }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

test("a first message typed offline and sent after closing time moves into the message form, and no chat is started", async ({ page, context, server, bringOperatorOnline }) => {
  await bringOperatorOnline("Anna");
  await openChat(page, server.url);
  await context.setOffline(true);
  await sendMessage(page, "Can you call me back about my invoice?");
  await expect(page.getByText("Sending…")).toHaveCount(1);
  await patchSettings(server.url, { businessHours: { enabled: true, timeZone: "Europe/Amsterdam", days: everyDay, closedDates: [today()] } });
  await context.setOffline(false);

  await expect(page.getByText("We are closed right now and open again", { exact: false })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue("Can you call me back about my invoice?");
  await expect(page.getByText("Sending…")).toHaveCount(0);
  const admin = await login(server.url);
  const chats = await api<unknown[]>(server.url, "/api/conversations", { token: admin.token });
  expect(chats.body).toEqual([]);
  // After a reload nothing is sent again behind the visitor's back.
  await page.reload();
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByText("We are closed right now and open again", { exact: false })).toBeVisible();
  await page.waitForTimeout(500);
  expect((await api<unknown[]>(server.url, "/api/conversations", { token: admin.token })).body).toEqual([]);
});

test("on a closed day the widget says the team opens again tomorrow", async ({ page, server, bringOperatorOnline }) => {
  await bringOperatorOnline("Anna");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
  const allDay = [{ open: "00:00", close: "23:59" }];
  await patchSettings(server.url, {
    businessHours: { enabled: true, timeZone: "Europe/Amsterdam", days: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closedDates: [today] },
  });
  await page.goto(`${server.url}/demo`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByText("We are closed right now and open again tomorrow at 12:00", { exact: false })).toBeVisible();
});

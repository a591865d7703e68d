// Outside business hours the widget tells the visitor when the team is there again.
import { expect, patchSettings, test } from "./widget-fixtures.js";

test.use({ timezoneId: "Europe/Amsterdam" });

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

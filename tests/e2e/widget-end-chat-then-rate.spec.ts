import type { ReportSummary } from "@live-chat/protocol";
import { api, login } from "../support/clients.js";
import { expect, startChatWith, test } from "./widget-fixtures.js";

test("the visitor ends the chat after a confirmation and rates it 1 to 5 with a comment", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const conversation = await startChatWith(page, server.url, anna, "Is the blue vase back in stock?");
  await anna.say(conversation.id, "Yes, since this morning.");
  await expect(page.getByText("Yes, since this morning.", { exact: true })).toBeVisible();

  // Asked first; cancelling keeps the chat going.
  await page.getByRole("button", { name: "End chat" }).click();
  await expect(page.getByText("End this chat?", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("End this chat?", { exact: false })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();

  await page.getByRole("button", { name: "End chat" }).click();
  await page.getByRole("button", { name: "Yes, end chat" }).click();
  await expect(page.getByText("This chat has ended.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveCount(0);

  const submit = page.getByRole("button", { name: "Submit rating" });
  await expect(submit).toBeDisabled();
  await page.getByRole("radio", { name: "4 out of 5" }).check();
  await page.getByRole("textbox", { name: "Comment (optional)" }).fill("Quick and friendly.");
  await submit.click();
  await expect(page.getByText("Thank you for your rating.")).toBeVisible();

  const admin = await login(server.url);
  const report = await api<ReportSummary>(server.url, "/api/reports/summary", { token: admin.token });
  expect(report.status).toBe(200);
  expect(report.body.csat).toEqual({ average: 4, count: 1 });
});

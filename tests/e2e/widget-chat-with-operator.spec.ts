import { expect, openChat, sendMessage, test, visitorTexts } from "./widget-fixtures.js";

test("a visitor opens the chat, talks with an operator, and finds the panel as they left it and the history again after a reload", async ({ page, server, bringOperatorOnline, foreignRequests }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await openChat(page, server.url);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeFocused();

  await sendMessage(page, "Hello, where is my order 1234?");
  const conversation = await assigned;
  await expect.poll(async () => visitorTexts(await anna.history(conversation.id))).toEqual(["Hello, where is my order 1234?"]);
  await expect(page.getByText("Sent", { exact: false }).first()).toBeVisible();

  await anna.say(conversation.id, "Hi! Let me look that up for you.");
  await expect(page.getByText("Hi! Let me look that up for you.", { exact: true })).toBeVisible();
  await expect(page.getByText("Anna is helping you")).toBeVisible();

  await page.reload();
  // Mid-chat a reload shows the panel as the visitor left it: open, with the conversation in it.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(page.getByText("Hi! Let me look that up for you.", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close chat" })).toBeVisible();

  // Closed by the visitor, it stays closed after the next reload, and counts what arrives meanwhile.
  await page.getByRole("button", { name: "Close chat" }).click();
  await page.reload();
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
  await anna.say(conversation.id, "Found it: it ships today.");
  await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
  await page.getByRole("button", { name: "Open chat" }).click();
  for (const text of ["Hello, where is my order 1234?", "Hi! Let me look that up for you.", "Found it: it ships today."])
    await expect(page.getByText(text, { exact: true })).toBeVisible();
  expect(visitorTexts(await anna.history(conversation.id))).toEqual(["Hello, where is my order 1234?"]);
  expect(foreignRequests).toEqual([]);
});

// The team's files from the inbox: the operator attaches a PDF with the paperclip and the visitor
// downloads the very bytes; an admin puts a returns form on a canned reply, and using the reply sends it;
// a screenshot pasted into the reply box reaches the visitor as an image.
import { expect, test } from "@playwright/test";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { signInToInbox } from "./inbox-fixtures.js";
import { pdf } from "../integration/files-support.js";
import sharp from "sharp";
import { openChat, pasteImage, sendMessage } from "./widget-fixtures.js";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test("an operator sends a PDF with the paperclip, and a canned reply sends its returns form, to the visitor", async ({ browser }) => {
  const inbox = await (await browser.newContext()).newPage();
  await signInToInbox(inbox, server.url);

  // The admin puts a returns form on a new reply.
  await inbox.getByRole("link", { name: "Canned replies" }).click();
  const admin = inbox.locator("lc-admin-area");
  await admin.getByRole("button", { name: "New reply" }).click();
  await admin.getByLabel("Title").fill("Returns form");
  await admin.getByLabel("Text", { exact: true }).fill("Here is our returns form.");
  await admin.locator("#locale").selectOption("en");
  // The chat moves on from the opening once the operator has answered: the reply is offered in both.
  await admin.getByRole("checkbox", { name: "Opening" }).check();
  await admin.getByRole("checkbox", { name: "Question" }).check();
  const returnsForm = pdf("returns form");
  await admin.getByLabel("File sent with this reply (optional)").setInputFiles({ name: "returns-form.pdf", mimeType: "application/pdf", buffer: returnsForm });
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("button", { name: "New reply" })).toBeVisible();

  await inbox.getByRole("link", { name: "Chats" }).click();
  await inbox.getByLabel("Status").selectOption("online");
  const widget = await (await browser.newContext()).newPage();
  await openChat(widget, server.url);
  await sendMessage(widget, "Can you send me the invoice?");
  await inbox.locator(".chat-row").first().getByRole("button").click();
  await expect(inbox.locator(".message", { hasText: "Can you send me the invoice?" })).toBeVisible();

  const invoice = pdf("invoice 1234");
  await inbox.locator("lc-attach-files input[type=file]").setInputFiles({ name: "invoice-1234.pdf", mimeType: "application/pdf", buffer: invoice });
  await expect(inbox.getByRole("list", { name: "Files to send" })).toContainText("invoice-1234.pdf");
  await inbox.getByRole("button", { name: "Send", exact: true }).click();
  await expect(inbox.getByRole("list", { name: "Files to send" })).toHaveCount(0);
  // The operator's own card: name, size and type.
  await expect(inbox.getByRole("link", { name: /invoice-1234\.pdf/ })).toContainText(`${invoice.length} B, PDF`);

  const link = widget.getByRole("link", { name: /invoice-1234\.pdf/ });
  await expect(link).toBeVisible();
  const served = await widget.request.get((await link.getAttribute("href"))!);
  expect(served.status()).toBe(200);
  expect(Buffer.from(await served.body()).equals(invoice)).toBe(true);

  await inbox.getByRole("button", { name: "Returns form" }).click();
  await expect(inbox.locator(".draft-source")).toContainText("It sends the file returns-form.pdf along.");
  await inbox.getByRole("button", { name: "Send", exact: true }).click();
  await expect(widget.getByText("Here is our returns form.")).toBeVisible();
  const form = widget.getByRole("link", { name: /returns-form\.pdf/ });
  await expect(form).toBeVisible();
  const formBytes = await widget.request.get((await form.getAttribute("href"))!);
  expect(Buffer.from(await formBytes.body()).equals(returnsForm)).toBe(true);

  const reply = inbox.getByRole("textbox", { name: "Reply" });
  await pasteImage(inbox, await sharp({ create: { width: 400, height: 300, channels: 3, background: "#888" } }).png().toBuffer(), reply);
  await expect(inbox.getByRole("list", { name: "Files to send" })).toContainText("image.png");
  await reply.fill("This is where the order number is");
  await reply.press("Enter");
  await expect(widget.getByText("This is where the order number is")).toBeVisible();
  await expect.poll(() => widget.getByRole("img", { name: "image.png" }).evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(320);
});

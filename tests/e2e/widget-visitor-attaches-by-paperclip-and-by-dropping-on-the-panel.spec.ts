// Besides pasting, a visitor attaches files with the paperclip (the phone's camera, gallery or files)
// and by dropping them on the chat; text and files go as one message, and a chosen file can be taken off.
import { pdf as pdfOf } from "../integration/files-support.js";
import { expect, openChat, sendMessage, test } from "./widget-fixtures.js";

const pdf = pdfOf("order 5521");

test("a file from the paperclip and one dropped on the panel go with the text as one message", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const assigned = anna.nextAssigned();
  await openChat(page, server.url);
  await sendMessage(page, "Hello");
  const conversation = await assigned;

  const picker = page.locator("live-chat-composer input[type=file]");
  // Images and documents, and no capture attribute: a phone offers camera, gallery and files.
  await expect(picker).toHaveAttribute("accept", /image\/\*.*\.pdf/);
  expect(await picker.getAttribute("capture")).toBeNull();
  await page.getByRole("button", { name: "Attach a file or photo" }).click({ trial: true });
  await picker.setInputFiles([
    { name: "order-5521.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "unwanted.pdf", mimeType: "application/pdf", buffer: pdf },
  ]);
  await page.getByRole("dialog", { name: "Chat with us" }).evaluate((panel) => {
    const data = new DataTransfer();
    data.items.add(new File(["Order 5521, two cups broken"], "notes.txt", { type: "text/plain" }));
    panel.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  });
  const chosen = page.getByRole("list", { name: "Files to send" });
  await expect(chosen).toContainText("notes.txt");
  await page.getByRole("button", { name: "Remove unwanted.pdf" }).click();
  await expect(chosen).not.toContainText("unwanted.pdf");
  await sendMessage(page, "The order and my notes");

  await expect
    .poll(async () => (await anna.history(conversation.id)).filter((m) => m.attachments?.length).map((m) => [m.body, m.attachments!.map((a) => a.name)]))
    .toEqual([["The order and my notes", ["order-5521.pdf", "notes.txt"]]]);
  await expect(page.getByRole("link", { name: /order-5521\.pdf/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /notes\.txt/ })).toBeVisible();
  await expect(chosen).toHaveCount(0);
});

// On a phone the panel fills the screen and opens without popping up the keyboard: focus lands on
// the dialog, so a screen reader is inside it, and the visitor reads before typing.
import { expect, openChat, test } from "./widget-fixtures.js";

// Reduced motion: the panel is measured where it ends, not halfway through its rise.
test.use({ viewport: { width: 412, height: 839 }, isMobile: true, hasTouch: true, reducedMotion: "reduce" });

test("on a touch screen the chat opens full screen with the dialog focused, not a text field", async ({ page, server, bringOperatorOnline }) => {
  await bringOperatorOnline("Anna");
  await openChat(page, server.url);
  const dialog = page.getByRole("dialog", { name: "Chat with us" });
  await expect(dialog).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Message" })).not.toBeFocused();
  const box = (await dialog.boundingBox())!;
  expect([box.x, box.y, box.width, box.height].map(Math.round)).toEqual([0, 0, 412, 839]);
});

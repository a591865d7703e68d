import { randomUUID } from "node:crypto";
import type { Conversation, Message } from "@live-chat/protocol";
import { emitAck, nextEvent } from "../support/clients.js";
import { expect, startChatWith, test } from "./widget-fixtures.js";

test("the visitor confirms the operator's summary with one click, and the chat moves on to the response", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const conversation = await startChatWith(page, server.url, anna, "My order 1234 should go to my office instead.");

  const summary = "So you would like order 1234 delivered to your office address, is that right?";
  const sent = await emitAck(anna.socket, "message:send", { conversationId: conversation.id, clientId: randomUUID(), body: summary, summary: true });
  expect(sent.ok).toBe(true);
  await expect(page.getByText(summary, { exact: true })).toBeVisible();
  const yes = page.getByRole("button", { name: "Yes, that's right" });
  await expect(page.getByRole("button", { name: "No", exact: true })).toBeVisible();

  const moved = nextEvent<Conversation>(anna.socket, "conversation:updated", (c) => c.id === conversation.id && c.phase === "response");
  await yes.click();
  expect((await moved).phase).toBe("response");
  // Answered once: the buttons go, and the operator sees the answer on the summary.
  await expect(yes).toHaveCount(0);
  const answered = (await anna.history(conversation.id)).find((m: Message) => m.id === (sent.message as Message).id);
  expect(answered?.meta?.summaryAnswer).toBe("yes");
});

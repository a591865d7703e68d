// An admin handles a privacy request in the inbox: finds the visitor, downloads the export and the
// transcript, erases them after a confirmation that names them (cancel first changes nothing),
// sees it in the history, and sets the retention period in Settings.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import type { PrivacyExport, PrivacyVisitor, Settings } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function search(token: string, q: string): Promise<PrivacyVisitor[]> {
  const res = await api<PrivacyVisitor[]>(server.url, `/api/privacy/visitors?q=${encodeURIComponent(q)}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** A visitor who asked something nobody answered, and left. */
async function pastVisitor(name: string, email: string, body: string): Promise<void> {
  const { socket } = await connectVisitor(server.url, { name, email, locale: "nl" });
  const started = await emitAck(socket, "conversation:start", { body, clientId: `${name}-1` });
  await emitAck(socket, "conversation:leave", { conversationId: started.conversation.id });
  socket.close();
}

test("an admin finds a visitor, downloads the export and the transcript, and erases them after confirming", async ({ page }) => {
  const admin = await login(server.url);
  await pastVisitor("Marieke Jansen", "marieke@example.nl", "Mijn pakket 8812 is niet aangekomen");
  await pastVisitor("Kees Bakker", "kees@example.nl", "Wanneer zijn jullie open?");

  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { name: "Privacy" })).toBeVisible();
  await page.getByLabel("Name or e-mail address").fill("m");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Type at least 2 characters, then search again.");
  await page.getByLabel("Name or e-mail address").fill("MARIEKE@");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const who = "Marieke Jansen (marieke@example.nl)";
  await expect(page.getByRole("cell", { name: /^Marieke Jansen/ })).toBeVisible();
  await expect(page.getByText("Kees Bakker")).toHaveCount(0);

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: `Export (JSON): ${who}` }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toMatch(/^visitor-.+\.json$/);
  const exported = JSON.parse(await readFile((await json.path())!, "utf8")) as PrivacyExport;
  expect(exported.visitor).toMatchObject({ name: "Marieke Jansen", email: "marieke@example.nl" });
  expect(exported.conversations[0].messages.map((m) => m.body)).toContain("Mijn pakket 8812 is niet aangekomen");
  await expect(page.getByRole("status")).toHaveText(`The export of ${who} has been downloaded.`);

  const textDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: `Transcript (text): ${who}` }).click();
  const transcript = await readFile((await (await textDownload).path())!, "utf8");
  expect(transcript).toContain("Alles wat is bewaard over Marieke Jansen <marieke@example.nl>");
  expect(transcript).toContain("U: Mijn pakket 8812 is niet aangekomen");

  // Cancelling the confirmation erases nothing.
  await page.getByRole("button", { name: `Erase: ${who}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Erase ${who}?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await search(admin.token, "marieke")).toHaveLength(1);

  await page.getByRole("button", { name: `Erase: ${who}` }).click();
  await dialog.getByRole("button", { name: "Erase", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`${who} has been erased.`);
  await expect(page.getByRole("cell", { name: /^Marieke Jansen/ })).toHaveCount(0);
  expect(await search(admin.token, "marieke")).toEqual([]);
  expect((await search(admin.token, "kees")).map((v) => v.name)).toEqual(["Kees Bakker"]);

  // The history lists the erasure above the two exports; filtered by action, only the erasure.
  await page.getByRole("link", { name: "History" }).click();
  await page.getByLabel("Kind").selectOption("privacy");
  const rows = page.getByRole("row").filter({ hasText: "Privacy" });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("erased");
  await expect(rows.first()).toContainText("1 chats, 1 messages, 0 files, 0 offline messages");
  await page.getByLabel("Action").selectOption("erased");
  await expect(rows).toHaveCount(1);
});

test("an admin turns on retention in Settings and the server keeps it", async ({ page }) => {
  const admin = await login(server.url);
  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Settings" }).click();
  const section = page.getByRole("region", { name: "Retention" });
  await expect(section.getByLabel("Remove old chats")).not.toBeChecked();
  await section.getByLabel("Remove old chats").check();
  await section.getByLabel("After how many days").fill("0");
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(section.getByRole("alert")).toBeVisible();
  expect((await api<Settings>(server.url, "/api/settings", { token: admin.token })).body.retentionDays).toBeNull();
  await section.getByLabel("After how many days").fill("90");
  await section.getByLabel("What happens to them").selectOption("delete");
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved.");
  expect((await api<Settings>(server.url, "/api/settings", { token: admin.token })).body).toMatchObject({ retentionDays: 90, retentionAction: "delete" });
});

test("the history shows 50 entries a page and pages back and forth", async ({ page }) => {
  const admin = await login(server.url);
  // 55 audited changes: the wait limit set to 300, 301, … 354 seconds.
  for (let i = 0; i < 55; i++) {
    expect((await api(server.url, "/api/settings", { method: "PATCH", token: admin.token, body: { waitLimitSeconds: 300 + i } })).status).toBe(200);
  }
  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "History" }).click();
  await page.getByLabel("Kind").selectOption("setting");
  const rows = page.getByRole("row").filter({ hasText: "Settings" });
  await expect(rows).toHaveCount(50);
  await expect(page.getByRole("button", { name: "Newer" })).toBeDisabled();
  await page.getByRole("button", { name: "Older" }).click();
  await expect(page.getByText("Page 2")).toBeVisible();
  await expect(rows).not.toHaveCount(50);
  const older = await rows.count();
  expect(older).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole("button", { name: "Older" })).toBeDisabled();
  await page.getByRole("button", { name: "Newer" }).click();
  await expect(rows).toHaveCount(50);
});

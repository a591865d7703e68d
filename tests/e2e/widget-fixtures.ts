// Shared set-up for the widget's browser tests: a real server per test, an operator on a real socket,
// and a record of every host the page talks to.
import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import type { Conversation, Message } from "@live-chat/protocol";
import { api, createOperator, emitAck, login, nextEvent, onlineOperator, type OperatorSocket } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { reportServerLog, watchBrowserConsole } from "./failure-report.js";

export { expect };

export interface Operator {
  name: string;
  socket: OperatorSocket;
  /** Sends a chat message as this operator and waits for the ack. */
  say: (conversationId: string, body: string) => Promise<Message>;
  /** Every message of the conversation the operator can see, in seq order. */
  history: (conversationId: string) => Promise<Message[]>;
  /** Resolves with the next conversation routed to this operator. */
  nextAssigned: () => Promise<Conversation>;
}

export const test = base.extend<{ server: SpawnedServer; foreignRequests: string[]; bringOperatorOnline: (name?: string, options?: { maxChats?: number }) => Promise<Operator>; failureReport: void }>({
  server: async ({}, use, info) => {
    const server = await spawnServer();
    await use(server);
    reportServerLog(info, server.output());
    await server.stop();
  },
  failureReport: [
    async ({ context }, use, info) => {
      const browser = watchBrowserConsole(context);
      await use();
      browser.report(info);
    },
    { auto: true },
  ],
  foreignRequests: async ({ page, server }, use) => {
    const foreign: string[] = [];
    const origin = new URL(server.url).origin;
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith("http") || url.protocol.startsWith("ws")) {
        if (`http://${url.host}` !== origin) foreign.push(request.url());
      }
    });
    await use(foreign);
  },
  bringOperatorOnline: async ({ server }, use) => {
    const sockets: OperatorSocket[] = [];
    await use(async (name = "Anna", options = {}) => {
      const admin = await login(server.url);
      const operator = await createOperator(server.url, admin.token, { name, maxChats: options.maxChats });
      const socket = await onlineOperator(server.url, operator.token);
      sockets.push(socket);
      return {
        name,
        socket,
        say: async (conversationId, body) => {
          const ack = await emitAck(socket, "message:send", { conversationId, clientId: randomUUID(), body });
          if (!ack.ok) throw new Error(`operator message refused: ${JSON.stringify(ack)}`);
          return ack.message as Message;
        },
        history: async (conversationId) => {
          const ack = await emitAck(socket, "sync", { conversationId, afterSeq: 0 });
          if (!ack.ok) throw new Error(`sync refused: ${JSON.stringify(ack)}`);
          return ack.messages as Message[];
        },
        nextAssigned: () => nextEvent<Conversation>(socket, "conversation:assigned"),
      };
    });
    for (const socket of sockets) socket.disconnect();
  },
});

/** The visitor's own chat texts as the operator sees them. */
export const visitorTexts = (messages: Message[]) => messages.filter((m) => m.kind === "text" && m.author.type === "visitor").map((m) => m.body);

/** Changes runtime settings as the admin would. */
export async function patchSettings(url: string, patch: Record<string, unknown>): Promise<void> {
  const admin = await login(url);
  const res = await api(url, "/api/settings", { method: "PATCH", token: admin.token, body: patch });
  if (res.status !== 200) throw new Error(`settings refused: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/demo`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
}

export async function sendMessage(page: Page, body: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(body);
  await box.press("Enter");
}

/** Opens the demo page's chat and sends a first message; resolves with the chat once routed to the operator. */
export async function startChatWith(page: Page, url: string, operator: Operator, body: string): Promise<Conversation> {
  const assigned = operator.nextAssigned();
  await openChat(page, url);
  await sendMessage(page, body);
  return assigned;
}

/** Pastes an image into a text box (the widget's message box by default) the way a browser does for a screenshot ("image.png"). */
export async function pasteImage(page: Page, png: Buffer, box = page.getByRole("textbox", { name: "Message" })): Promise<void> {
  await box.evaluate((box, base64) => {
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], "image.png", { type: "image/png" }));
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  }, png.toString("base64"));
}

// Issue #16: a widget whose handshake is refused with RATE_LIMITED says so in the visitor's language, instead of "Connecting…" for ever.
import { test as base, expect } from "./widget-fixtures.js";
import { connectVisitor } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

// One new visitor per minute from an address: the test's own socket takes it, so the browser (same address) is refused.
const test = base.extend<{ server: SpawnedServer }>({
  server: async ({}, use) => {
    const server = await spawnServer({ env: { VISITOR_CONNECT_LIMIT: "1" } });
    await use(server);
    await server.stop();
  },
});

test("the widget says many chats came from this network and that it retries by itself, in English and in Dutch", async ({ page, server }) => {
  const first = await connectVisitor(server.url, {});
  first.socket.close();
  for (const [locale, launcher, text] of [
    ["en", "Open chat", "Many chats were opened from your network just now"],
    ["nl", "Chat openen", "Vanaf uw netwerk zijn zojuist veel chats geopend"],
  ] as const) {
    await page.route(`${server.url}/shop-${locale}`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="${locale}"><body><script src="/widget.js" defer></script><live-chat-widget locale="${locale}"></live-chat-widget></body></html>` }),
    );
    await page.goto(`${server.url}/shop-${locale}`);
    await page.getByRole("button", { name: launcher }).click();
    await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
  }
});

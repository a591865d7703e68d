// A returning visitor's session can fail to set up on the server (the database refused one read). The
// server then cuts the transport rather than disconnecting the socket: a server-side disconnect tells a
// socket.io client to stay away for good, so the widget would say "Connecting…" until the visitor
// reloaded. Cut, the client comes back by itself and gets its chat.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { connectVisitor, emitAck } from "../support/clients.js";

const server = useTestServer();

describe("a visitor session that fails to set up", () => {
  it("is tried again by the client, which gets its chat back", async () => {
    const first = await connectVisitor(server.url, { locale: "nl" });
    const started = await emitAck(first.socket, "conversation:start", { body: "Mijn pakket is niet aangekomen", clientId: "c-1" });
    expect(started.ok).toBe(true);
    first.socket.close();

    // The next read of the settings, which setting up a session makes, fails once.
    const settings = server.ctx.settings;
    const get = settings.get.bind(settings);
    let failures = 0;
    settings.get = async () => {
      settings.get = get;
      failures++;
      throw new Error("injected: the database refused this read");
    };
    try {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const again = await Promise.race([
        connectVisitor(server.url, { visitorToken: first.session.visitorToken, locale: "nl" }, { reconnection: true }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no session within 15 s: the client stayed away")), 15_000))),
      ]).finally(() => clearTimeout(timer));
      expect(failures).toBe(1);
      expect(again.session.visitorId).toBe(first.session.visitorId);
      expect(again.session.conversation?.id).toBe(started.conversation.id);
      const history = await emitAck(again.socket, "sync", { conversationId: started.conversation.id, afterSeq: 0 });
      expect(history.messages.map((m: { body: string }) => m.body)).toContain("Mijn pakket is niet aangekomen");
      again.socket.close();
    } finally {
      settings.get = get;
    }
  }, 30_000);
});

// Issue #16: budgets reset by reconnecting, a spoofed X-Forwarded-For from loopback, and a flood of new connections.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck } from "../support/clients.js";

const server = useTestServer({ VISITOR_CONNECT_LIMIT: "60", VISITOR_ADDRESS_LIMIT_SCALE: "1" });

describe("abuse limits", () => {
  it("offline messages stay within 10 per hour per address however often the visitor reconnects anew", async () => {
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 3; round++) {
      const { socket } = await connectVisitor(server.url, {});
      for (let i = 0; i < 10; i++) {
        const ack = await emitAck(socket, "offline:message", { name: "Bot", email: "bot@example.com", body: `round ${round} #${i}` });
        if (ack.ok) accepted++;
        else if (ack.error.code === "RATE_LIMITED") refused++;
      }
      expect(socket.connected).toBe(true);
      socket.close();
    }
    expect(accepted).toBe(10);
    expect(refused).toBe(20);
  });

  it("a spoofed X-Forwarded-For from loopback with TRUST_PROXY unset does not escape the sign-in limit per address", async () => {
    const statuses: number[] = [];
    // 50 failures per address per 15 minutes are allowed; each attempt claims a new forwarded address.
    for (let i = 0; i < 55; i++) {
      const res = await api(server.url, "/api/auth/login", { body: { email: `nobody-${i}@example.com`, password: "wrong-password" }, headers: { "x-forwarded-for": `203.0.113.${i + 1}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
  }, 120_000);

  it("refuses a burst of new visitor connections from one address at the handshake", async () => {
    const results = await Promise.allSettled(Array.from({ length: 80 }, () => connectVisitor(server.url, {})));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => (r.reason as Error).message === "RATE_LIMITED")).toBe(true);
    for (const r of results) if (r.status === "fulfilled") r.value.socket.close();
  });
});

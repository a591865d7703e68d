// With TRUST_PROXY naming the proxy, its forwarded address and protocol are believed: limits count
// the real client, and a sign-in that arrived over https gets a Secure cookie (a plain one does not).
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { ADMIN, api, emitAck } from "../support/clients.js";
import { io } from "socket.io-client";

const server = useTestServer({ TRUST_PROXY: "127.0.0.1", VISITOR_ADDRESS_LIMIT_SCALE: "1" });

function connectVia(address: string) {
  const socket = io(`${server.url}/visitor`, { auth: {}, transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { "x-forwarded-for": address } });
  return new Promise<typeof socket>((resolve, reject) => {
    socket.once("session", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("behind a trusted proxy", () => {
  it("counts offline messages per forwarded client address", async () => {
    const counts: number[] = [];
    for (const address of ["198.51.100.1", "198.51.100.2"]) {
      const socket = await connectVia(address);
      let ok = 0;
      for (let i = 0; i < 11; i++) if ((await emitAck(socket, "offline:message", { name: "A", email: "a@example.com", body: `hi ${i}` })).ok) ok++;
      counts.push(ok);
      socket.close();
    }
    expect(counts).toEqual([10, 10]);
  });

  it("sets a Secure session cookie only when the proxy says the request came over https", async () => {
    const https = await api(server.url, "/api/auth/login", { body: ADMIN, headers: { "x-forwarded-proto": "https" } });
    const plain = await api(server.url, "/api/auth/login", { body: ADMIN });
    expect(https.status).toBe(200);
    expect(https.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    expect(plain.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });
});

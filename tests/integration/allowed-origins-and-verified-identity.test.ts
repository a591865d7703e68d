// ALLOWED_ORIGINS refuses other sites' browsers (not server-side scripts); WIDGET_IDENTITY_SECRET verifies visitors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { io } from "socket.io-client";
import type { Conversation } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const SECRET = "identity-secret-of-the-shop";
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ALLOWED_ORIGINS: "https://shop.example, https://www.shop.example/", WIDGET_IDENTITY_SECRET: SECRET });
});
afterAll(() => server?.close());

function socketWithOrigin(origin: string): Promise<"connected" | string> {
  const socket = io(`${server.url}/visitor`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { origin } });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      socket.close();
      resolve("connected");
    });
    socket.once("connect_error", (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

describe("allowed origins", () => {
  it("refuses HTTP and sockets from another site's browser, allows the listed sites and scripts without Origin", async () => {
    const refused = await api(server.url, "/healthz", { headers: { origin: "https://evil.example" } });
    expect(refused.status).toBe(403);
    const allowed = await api(server.url, "/healthz", { headers: { origin: "https://www.shop.example" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://www.shop.example");
    expect((await api(server.url, "/healthz")).status).toBe(200);
    expect(await socketWithOrigin("https://evil.example")).not.toBe("connected");
    expect(await socketWithOrigin("https://shop.example")).toBe("connected");
    const { socket } = await connectVisitor(server.url, {});
    expect(socket.connected).toBe(true);
    socket.close();
  });
});

describe("the inbox page", () => {
  it("runs only its own code and cannot be framed by another site", async () => {
    const res = await fetch(`${server.url}/inbox/`);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("a verified identity", () => {
  it("gives the visitor a verified name and email; a forged token is ignored", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Roos" });
    const operator = await onlineOperator(server.url, op.token);
    const identity = await new SignJWT({ name: "Sanne de Wit", email: "sanne@example.com" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("1h").sign(new TextEncoder().encode(SECRET));
    const { socket: verified } = await connectVisitor(server.url, { identity, name: "Someone Else" });
    const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Sanne de Wit");
    await emitAck(verified, "conversation:start", { body: "Hallo" , clientId: "s1" });
    expect((await assigned).visitor).toMatchObject({ name: "Sanne de Wit", email: "sanne@example.com", verified: true });

    const forged = await new SignJWT({ name: "Mallory", email: "m@example.com" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("wrong-secret"));
    const { socket: unverified } = await connectVisitor(server.url, { identity: forged, name: "Tom" });
    const second = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Tom");
    await emitAck(unverified, "conversation:start", { body: "Hoi", clientId: "t1" });
    expect((await second).visitor).toMatchObject({ name: "Tom", verified: false });
    verified.close();
    unverified.close();
    operator.close();
  });
});

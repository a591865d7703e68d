// A client that speaks another major protocol version is refused at the handshake with PROTOCOL_VERSION in its
// language (so a cached old widget says "please reload"), while today's clients and clients from before versioning connect.
import { describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { PROTOCOL_VERSION } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { connectVisitor, login } from "../support/clients.js";

const server = useTestServer();

interface Refusal {
  message: string;
  data?: { code: string; message: string; serverVersion: string };
}

function handshake(namespace: "visitor" | "operator", auth: Record<string, unknown>): Promise<"connected" | Refusal> {
  const socket = io(`${server.url}/${namespace}`, { auth, transports: ["websocket"], forceNew: true, reconnection: false });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      socket.close();
      resolve("connected");
    });
    socket.once("connect_error", (err: Error & { data?: Refusal["data"] }) => {
      socket.close();
      resolve({ message: err.message, data: err.data });
    });
  });
}

describe("protocol version in the handshake", () => {
  it("lets a visitor in who speaks this major, a newer minor of it, or sends no version at all", async () => {
    const major = PROTOCOL_VERSION.split(".")[0];
    expect(await handshake("visitor", { protocolVersion: PROTOCOL_VERSION })).toBe("connected");
    expect(await handshake("visitor", { protocolVersion: `${major}.99` })).toBe("connected");
    const { socket, session } = await connectVisitor(server.url, {});
    expect(session.visitorId).toBeTruthy();
    socket.close();
  });

  it("tells a visitor of another major to reload, in Dutch when the widget speaks Dutch", async () => {
    const refused = await handshake("visitor", { protocolVersion: "99.0", locale: "nl" });
    expect(refused).toMatchObject({ message: "PROTOCOL_VERSION", data: { code: "PROTOCOL_VERSION", serverVersion: PROTOCOL_VERSION } });
    expect((refused as Refusal).data?.message).toMatch(/opnieuw/);
    const english = await handshake("visitor", { protocolVersion: "0.9" });
    expect((english as Refusal).data?.message).toMatch(/Reload the page/);
    expect(await handshake("visitor", { protocolVersion: "one" })).toMatchObject({ message: "PROTOCOL_VERSION" });
  });

  it("refuses an operator's inbox of another major before it looks at the token", async () => {
    const { token } = await login(server.url);
    expect(await handshake("operator", { token, protocolVersion: PROTOCOL_VERSION })).toBe("connected");
    expect(await handshake("operator", { token, protocolVersion: "2.0" })).toMatchObject({ message: "PROTOCOL_VERSION", data: { code: "PROTOCOL_VERSION" } });
  });
});

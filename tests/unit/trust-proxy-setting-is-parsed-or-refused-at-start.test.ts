// TRUST_PROXY decides whose X-Forwarded-For is believed: parsed once at start, and a bad value stops the start with what to write.
import { describe, expect, it } from "vitest";
import express from "express";
import type { IncomingMessage } from "node:http";
import { loadConfig, parseTrustProxy } from "../../apps/server/src/config.js";
import { clientAddress, type TrustFn } from "../../apps/server/src/realtime/limits.js";

/** The client address a request from `peer` forwarding `xff` gets under `value`, with Express's own compiled rule. */
function addressUnder(value: string | undefined, peer: string, xff?: string): string {
  const app = express();
  app.set("trust proxy", parseTrustProxy(value));
  const req = { headers: xff ? { "x-forwarded-for": xff } : {}, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  return clientAddress(req, app.get("trust proxy fn") as TrustFn);
}

describe("TRUST_PROXY", () => {
  it("unset, empty or false trusts nobody: a forwarded address from loopback is ignored", () => {
    for (const value of [undefined, "", "  ", "false"]) {
      expect(parseTrustProxy(value)).toBe(false);
      expect(addressUnder(value, "127.0.0.1", "203.0.113.7")).toBe("127.0.0.1");
    }
  });

  it("a hop count believes that many proxies, and no further", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
    expect(addressUnder("1", "127.0.0.1", "198.51.100.9, 203.0.113.7")).toBe("203.0.113.7");
    expect(addressUnder("2", "127.0.0.1", "198.51.100.9, 203.0.113.7")).toBe("198.51.100.9");
  });

  it("a list of addresses, CIDRs and named ranges believes only those hops", () => {
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback")).toEqual(["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", "loopback"]);
    expect(addressUnder("127.0.0.1", "127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    expect(addressUnder("10.0.0.0/8", "10.1.2.3", "203.0.113.7")).toBe("203.0.113.7");
    // A hop outside the list chooses nothing: its own address is the client's.
    expect(addressUnder("10.0.0.0/8", "192.0.2.1", "203.0.113.7")).toBe("192.0.2.1");
    // Through two trusted proxies the first untrusted hop is the client, whatever it forwarded further.
    expect(addressUnder("127.0.0.1,10.0.0.0/8", "127.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.5")).toBe("203.0.113.7");
  });

  it("a bad value stops the start with a message that names it and says what to write", () => {
    for (const bad of ["yes", "true", "127.0.0.1,nginx", "10.0.0.0/33", "::1/129", "1.2.3", "127.0.0.1/8/1", "10.0.0.0/", "-1", "1.5"]) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/^TRUST_PROXY: .* is not a proxy address, CIDR or range name\. Give the number of proxies/);
    }
    expect(() => loadConfig({ TRUST_PROXY: "127.0.0.1,nginx" })).toThrow(/"nginx"/);
  });
});

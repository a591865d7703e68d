// The named `page` budget live-visitor page reports spend: per visitor, and per address across new visitor ids.
import { describe, expect, it } from "vitest";
import { SocketRateLimits } from "../../apps/server/src/realtime/limits.js";
import { RateLimitedError } from "../../apps/server/src/auth/service.js";

async function taken(limits: SocketRateLimits, count: number, visitorId: (i: number) => string, address: string): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    try {
      await limits.take("page", visitorId(i), address);
      accepted++;
    } catch (err) {
      expect(err).toBeInstanceOf(RateLimitedError);
    }
  }
  return accepted;
}

describe("page reports", () => {
  it("allow 30 a minute per visitor", async () => {
    expect(await taken(new SocketRateLimits(), 40, () => "v1", "192.0.2.1")).toBe(30);
  });
  it("allow 120 a minute per address, however many new visitor ids it uses", async () => {
    expect(await taken(new SocketRateLimits(), 150, (i) => `v${i}`, "192.0.2.2")).toBe(120);
  });
});

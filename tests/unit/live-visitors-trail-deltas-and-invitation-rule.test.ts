// The live-visitor state of one node, without sockets: the trail of a visit, batched deltas, a visit
// handed over by another node, and the automatic invitation rule.
import { describe, expect, it } from "vitest";
import { pageMatches, visitorNumber } from "@live-chat/protocol";
import { LiveVisitors } from "../../apps/server/src/live/visitors.js";

function clock(start = Date.parse("2026-12-02T10:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("live visitors of one node", () => {
  it("keeps the pages of a visit in order, counts a repeated page once, and lists nobody before a page is known", () => {
    const c = clock();
    const live = new LiveVisitors(c.now);
    live.connected("v1", { locale: "nl" });
    expect(live.list()).toEqual([]);
    expect(live.page("v1", "https://shop.example/")).toBe(true);
    c.advance(5000);
    expect(live.page("v1", "https://shop.example/")).toBe(false);
    expect(live.page("v1", "https://shop.example/pricing", "Prices")).toBe(true);
    const [v] = live.list();
    expect(v!.trail.map((s) => s.url)).toEqual(["https://shop.example/", "https://shop.example/pricing"]);
    expect(v!.onPageSince).toBe(new Date(c.now()).toISOString());
    expect(v!.pageTitle).toBe("Prices");
  });

  it("sends each change once per batch and says who left only when they are really gone", () => {
    const live = new LiveVisitors();
    live.connected("v1", {});
    live.page("v1", "https://shop.example/a");
    live.page("v1", "https://shop.example/b");
    const first = live.takeDelta()!;
    expect(first.upserted.map((v) => v.pageUrl)).toEqual(["https://shop.example/b"]);
    expect(live.takeDelta()).toBeNull();
    live.drop("v1", false);
    expect(live.takeDelta()).toBeNull();
    live.connected("v2", {});
    live.page("v2", "https://shop.example/c");
    live.takeDelta();
    live.drop("v2", true);
    expect(live.takeDelta()).toEqual({ upserted: [], removed: ["v2"] });
  });

  it("merges the earlier pages and the dismissal of a visit handed over by another node", () => {
    const c = clock();
    const a = new LiveVisitors(c.now);
    const b = new LiveVisitors(c.now);
    a.connected("v1", {});
    a.page("v1", "https://shop.example/a");
    a.dismissInvitation("v1");
    a.disconnected("v1");
    c.advance(1000);
    b.connected("v1", {});
    b.page("v1", "https://shop.example/b");
    b.takeOver(a.handOver("v1")!);
    expect(a.has("v1")).toBe(false);
    expect(b.list()[0]!.trail.map((s) => s.url)).toEqual(["https://shop.example/a", "https://shop.example/b"]);
    expect(b.invite("v1", { operatorId: "o1", name: "Anna" })).toBe("dismissed");
  });

  it("offers the automatic invitation once, after the time on a matching page, never to someone who dismissed one", () => {
    const c = clock();
    const live = new LiveVisitors(c.now);
    live.connected("v1", {});
    live.connected("v2", {});
    live.connected("v3", {});
    live.page("v1", "https://shop.example/help/returns");
    live.page("v2", "https://shop.example/help");
    live.page("v3", "https://shop.example/about");
    live.dismissInvitation("v2");
    const rule = (url: string) => pageMatches("/help", url);
    expect(live.dueForAutoInvite(30_000, rule)).toEqual([]);
    c.advance(30_000);
    expect(live.dueForAutoInvite(30_000, rule)).toEqual(["v1"]);
    expect(live.dueForAutoInvite(30_000, rule)).toEqual([]);
  });
});

describe("the page pattern and the visitor number", () => {
  it("matches a part of the address, * for anything, case-insensitively, and everything when empty", () => {
    expect(pageMatches("", "https://x.example/anything")).toBe(true);
    expect(pageMatches("/pricing", "https://x.example/en/PRICING?plan=pro")).toBe(true);
    expect(pageMatches("/shop/*/checkout", "https://x.example/shop/cart-12/checkout")).toBe(true);
    expect(pageMatches("/shop/*/checkout", "https://x.example/shop/checkout")).toBe(false);
    expect(pageMatches("a.b", "https://x.example/axb")).toBe(false);
  });

  it("gives a visitor the same short number every time", () => {
    expect(visitorNumber("cmabc123")).toBe(visitorNumber("cmabc123"));
    expect(visitorNumber("cmabc123")).toBeGreaterThanOrEqual(1);
    expect(visitorNumber("cmabc123")).toBeLessThanOrEqual(9999);
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_HANDLE_SECONDS, queueWaits, slotFreeTimes, typicalHandleSeconds } from "../../apps/server/src/routing/estimate.js";

describe("the typical handling time", () => {
  it("is the default until there is history", () => {
    expect(typicalHandleSeconds([])).toBe(DEFAULT_HANDLE_SECONDS);
  });

  it("is the median of recent chats once there are enough of them", () => {
    const recent = [100, 110, 120, 130, 140, 150, 160, 170, 180, 5000];
    expect(typicalHandleSeconds(recent)).toBe(145);
  });

  it("is drawn towards the default while chats are few", () => {
    // One 60-second chat weighs a tenth: 0.1 × 60 + 0.9 × 240.
    expect(typicalHandleSeconds([60])).toBeCloseTo(222);
  });
});

describe("when slots free up", () => {
  it("is now for a free slot and later for a busy one, by how long its chat has run", () => {
    const slots = slotFreeTimes(
      [
        { maxChats: 2, openChats: [{ elapsedSeconds: 100, wrappingUp: false }] },
        { maxChats: 1, openChats: [{ elapsedSeconds: 20, wrappingUp: false }] },
      ],
      200,
    );
    expect(slots).toEqual([0, 100, 180]);
  });

  it("is soon for a chat in wrap-up and not yet over for one that runs long", () => {
    const slots = slotFreeTimes([{ maxChats: 2, openChats: [{ elapsedSeconds: 10, wrappingUp: true }, { elapsedSeconds: 900, wrappingUp: false }] }], 300);
    expect(slots).toEqual([60, 60]);
  });
});

describe("the expected wait in the queue", () => {
  it("is zero while there are free slots, then follows the slots as they free", () => {
    expect(queueWaits([0, 0, 95, 180], 200, 6)).toEqual([0, 0, 100, 180, 200, 200]);
  });

  it("grows with the position and shrinks with more operators online", () => {
    const one = queueWaits([120], 240, 3);
    const three = queueWaits([120, 120, 120], 240, 3);
    expect(one).toEqual([120, 360, 600]);
    expect(three).toEqual([120, 120, 120]);
  });

  it("assumes one slot when nobody is online, so the estimate is long rather than zero", () => {
    expect(queueWaits([], 240, 2)).toEqual([240, 480]);
  });
});

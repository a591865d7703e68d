import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "@live-chat/protocol";
import { nextOpeningAt } from "../../apps/server/src/routing/hours.js";

const workdays: Settings["businessHours"] = { ...DEFAULT_SETTINGS.businessHours, enabled: true, timeZone: "Europe/Amsterdam" };

describe("the next opening time", () => {
  it("is Monday morning for a Friday evening, in the schedule's zone", () => {
    // Friday 2026-11-20 19:30 in Amsterdam (UTC+1).
    expect(nextOpeningAt(workdays, new Date("2026-11-20T18:30:00Z"))?.toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });
  it("is later the same day before opening time, and now while open", () => {
    expect(nextOpeningAt(workdays, new Date("2026-11-23T06:00:00Z"))?.toISOString()).toBe("2026-11-23T08:00:00.000Z");
    const open = new Date("2026-11-23T10:00:00Z");
    expect(nextOpeningAt(workdays, open)).toEqual(open);
  });
  it("skips closed dates", () => {
    const holiday = { ...workdays, closedDates: ["2026-12-25", "2026-12-28"] };
    // Thursday 24 December after closing: Friday the 25th is a holiday, Monday the 28th too.
    expect(nextOpeningAt(holiday, new Date("2026-12-24T17:00:00Z"))?.toISOString()).toBe("2026-12-29T08:00:00.000Z");
  });
  it("is unknown when the schedule is off or has no open slot", () => {
    expect(nextOpeningAt({ ...workdays, enabled: false }, new Date())).toBeNull();
    const never = { ...workdays, days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(nextOpeningAt(never, new Date())).toBeNull();
  });
});

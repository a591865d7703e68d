import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "@live-chat/protocol";
import { answerDueAt, isWithinBusinessHours } from "../../apps/server/src/routing/hours.js";

type Hours = Settings["businessHours"];
const workday = [{ open: "09:00", close: "17:00" }];
const officeHours = (overrides: Partial<Hours> = {}): Hours => ({
  enabled: true,
  timeZone: "Europe/Amsterdam",
  days: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
  closedDates: [],
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe("business hours", () => {
  it("are always open when the schedule is switched off", () => {
    expect(isWithinBusinessHours(DEFAULT_SETTINGS.businessHours, at("2025-01-05T03:00:00Z"))).toBe(true);
  });

  it("are read in the schedule's time zone, in winter and in summer time", () => {
    const hours = officeHours();
    // Amsterdam is UTC+1 in January: 08:30Z is 09:30 there.
    expect(isWithinBusinessHours(hours, at("2025-01-06T08:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-01-06T07:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, at("2025-01-06T15:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-01-06T16:00:00Z"))).toBe(false);
    // UTC+2 in July: 07:00Z is 09:00 there, 15:00Z is 17:00 (closed).
    expect(isWithinBusinessHours(hours, at("2025-07-07T07:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-07-07T06:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, at("2025-07-07T15:00:00Z"))).toBe(false);
  });

  it("use the weekday of the schedule's zone, not the server's", () => {
    const hours = officeHours({ timeZone: "Pacific/Auckland" });
    // Monday 2025-01-06 10:00 in Auckland (UTC+13) is still Sunday 21:00 in UTC.
    expect(isWithinBusinessHours(hours, at("2025-01-05T21:00:00Z"))).toBe(true);
    // Saturday 10:00 in Auckland is Friday 21:00 UTC: closed, although it is a weekday in UTC.
    expect(isWithinBusinessHours(hours, at("2025-01-10T21:00:00Z"))).toBe(false);
  });

  it("are closed on a closed date, which is a date in the schedule's zone", () => {
    const hours = officeHours({ closedDates: ["2025-12-25"] });
    expect(isWithinBusinessHours(hours, at("2025-12-25T10:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, at("2025-12-24T10:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-12-26T10:00:00Z"))).toBe(true);
  });

  it("let a slot run past midnight, into the next day", () => {
    const night = [{ open: "22:00", close: "02:00" }];
    const hours = officeHours({ timeZone: "UTC", days: { mon: night, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(isWithinBusinessHours(hours, at("2025-01-06T23:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-01-07T01:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-01-07T02:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, at("2025-01-06T21:59:00Z"))).toBe(false);
  });

  it("treat a close of 00:00 as midnight at the end of the day", () => {
    const late = [{ open: "18:00", close: "00:00" }];
    const hours = officeHours({ timeZone: "UTC", days: { mon: late, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(isWithinBusinessHours(hours, at("2025-01-06T23:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2025-01-07T00:00:00Z"))).toBe(false);
  });
});

describe("an offline answer's due time", () => {
  it("is counted in plain hours when the schedule is off", () => {
    expect(answerDueAt(DEFAULT_SETTINGS.businessHours, at("2025-01-10T20:00:00Z"), 24).toISOString()).toBe("2025-01-11T20:00:00.000Z");
  });

  it("skips the weekend: Friday evening plus 8 open hours is Monday at closing time", () => {
    // Friday 2025-01-10 19:00 Amsterdam; Monday 09:00–17:00 holds the 8 hours.
    expect(answerDueAt(officeHours(), at("2025-01-10T18:00:00Z"), 8).toISOString()).toBe("2025-01-13T16:00:00.000Z");
  });

  it("counts the rest of today's slot exactly, to the minute", () => {
    // Friday 16:50 Amsterdam: 10 minutes today, 50 more on Monday morning → Monday 09:50 (08:50Z).
    expect(answerDueAt(officeHours(), at("2025-01-10T15:50:00Z"), 1).toISOString()).toBe("2025-01-13T08:50:00.000Z");
  });

  it("skips closed dates and daylight-saving changes keep the wall clock", () => {
    // Friday 2025-03-28 16:00 Amsterdam (UTC+1); summer time starts Sunday 30 March; Monday 31 March is closed.
    const hours = officeHours({ closedDates: ["2025-03-31"] });
    // 1 hour on Friday, 3 more on Tuesday from 09:00 → 12:00 Amsterdam summer time = 10:00Z.
    expect(answerDueAt(hours, at("2025-03-28T15:00:00Z"), 4).toISOString()).toBe("2025-04-01T10:00:00.000Z");
  });

  it("promises three working days for 24 open hours", () => {
    // Monday 09:00 Amsterdam + 24 open hours = Wednesday 17:00.
    expect(answerDueAt(officeHours(), at("2025-01-06T08:00:00Z"), 24).toISOString()).toBe("2025-01-08T16:00:00.000Z");
  });

  it("reaches far enough for the longest promise on a thin schedule", () => {
    const thin = officeHours({ timeZone: "UTC", days: { mon: [{ open: "10:00", close: "12:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    // 336 hours at 2 hours a week = 168 Mondays later, at 12:00 of the last one.
    const due = answerDueAt(thin, at("2025-01-06T00:00:00Z"), 336);
    expect(due.toISOString()).toBe(new Date(Date.UTC(2025, 0, 6 + 167 * 7, 12)).toISOString());
  });

  it("falls back to plain hours when the schedule has no open slot at all", () => {
    const never = officeHours({ days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(answerDueAt(never, at("2025-01-10T18:00:00Z"), 2).toISOString()).toBe("2025-01-10T20:00:00.000Z");
  });
});

// One time formatter for the inbox (and the notes the server writes): a time in a zone that is not
// the operator's carries that zone, and one promise shows one clock everywhere it appears.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTime } from "@live-chat/protocol";
import { clockTime, dateTime, localTimeIn, promiseDue } from "../../apps/inbox/src/format.js";
import { promiseTime } from "../../apps/inbox/src/follow-up-text.js";

// 15:00 UTC on a winter Wednesday: 16:00 in Amsterdam, 10:00 in New York.
const DUE = "2026-12-02T15:00:00.000Z";
const NOW = Date.parse("2026-12-02T09:00:00.000Z");
const hadZone = process.env.TZ;

describe("times in the inbox", () => {
  beforeAll(() => {
    // The operator's own zone, as the browser would report it.
    process.env.TZ = "Europe/Amsterdam";
  });
  afterAll(() => {
    process.env.TZ = hadZone;
  });

  it("in the operator's own zone carry no zone name", () => {
    expect(clockTime(DUE, "nl")).toBe("16:00");
    expect(clockTime(DUE, "en")).toBe("4:00 PM");
    expect(dateTime(DUE, "nl")).toBe("2 dec 2026, 16:00");
    expect(promiseDue({ dueAt: DUE, timeZone: "Europe/Amsterdam" }, "nl")).toBe("wo 2 dec, 16:00");
    // Another zone with the same clock that day is no different to the reader.
    expect(promiseDue({ dueAt: DUE, timeZone: "Europe/Berlin" }, "en")).toBe("Wed, Dec 2, 4:00 PM");
  });

  it("in another zone name it", () => {
    expect(promiseDue({ dueAt: DUE, timeZone: "America/New_York" }, "en")).toBe("Wed, Dec 2, 10:00 AM EST");
    expect(promiseDue({ dueAt: DUE, timeZone: "America/New_York" }, "nl")).toMatch(/^wo 2 dec, 10:00 \S+$/);
    expect(localTimeIn("America/New_York", Date.parse(DUE), "en")).toBe("10:00 AM EST");
    expect(localTimeIn("Not/AZone", Date.parse(DUE), "en")).toBeNull();
  });

  it("stored for whoever reads it (a note) always name the zone", () => {
    expect(formatTime(DUE, "nl", { style: "day", timeZone: "Europe/Amsterdam", readerTimeZone: null })).toMatch(/^wo 2 dec, 16:00 \S+$/);
  });

  it("show one promise as one clock in the note, the follow-up card and the drafted reply", () => {
    for (const [zone, clock] of [
      ["Europe/Amsterdam", "16:00"],
      ["America/New_York", "10:00"],
    ] as const) {
      const note = formatTime(DUE, "nl", { style: "day", timeZone: zone, readerTimeZone: null });
      const card = promiseDue({ dueAt: DUE, timeZone: zone }, "nl");
      const draft = promiseTime(DUE, "nl", zone, NOW);
      for (const text of [note, card, draft]) expect(text).toContain(clock);
      // Where the zone is not the operator's, every one of them says which it is.
      if (zone !== "Europe/Amsterdam") for (const text of [note, card, draft]) expect(text).toMatch(new RegExp(`${clock} \\S+`));
    }
    expect(promiseTime(DUE, "en", "Europe/Amsterdam", NOW)).toBe("4:00 PM today");
    expect(promiseTime(DUE, "en", "America/New_York", NOW)).toBe("10:00 AM EST today");
  });
});

// Business hours as pure functions of the schedule and a moment. A schedule is read in its own time
// zone; a slot whose close is not after its open runs past midnight ("22:00"–"02:00", "08:00"–"00:00").
import { WEEKDAYS, type Settings, type Weekday } from "@live-chat/protocol";

type BusinessHours = Settings["businessHours"];

const DAY_MS = 86_400_000;
/** How far ahead an answer's due time is searched for before the schedule counts as unusable. */
const SEARCH_DAYS = 3_660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at `instant`, written as if it were UTC (milliseconds dropped). */
function wallClockAsUtc(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The instant at which the wall clock in `timeZone` shows `wallMs` (a wall-clock time written as UTC). */
function instantOfWallClock(timeZone: string, wallMs: number): number {
  const offsetAt = (t: number) => wallClockAsUtc(timeZone, t) - Math.floor(t / 1000) * 1000;
  const first = wallMs - offsetAt(wallMs);
  // A second pass settles the offset when a daylight-saving change lies between guess and answer.
  return wallMs - offsetAt(first);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDate = (dayMs: number) => new Date(dayMs).toISOString().slice(0, 10);
const weekdayOf = (dayMs: number): Weekday => WEEKDAYS[(new Date(dayMs).getUTCDay() + 6) % 7]!;

/** The open intervals [start, end) that begin on one calendar day (midnight of that day written as UTC). */
function intervalsOfDay(hours: BusinessHours, dayMs: number): Array<[number, number]> {
  if (hours.closedDates.includes(isoDate(dayMs))) return [];
  return (hours.days[weekdayOf(dayMs)] ?? [])
    .map((slot): [number, number] => {
      const open = toMinutes(slot.open);
      const close = toMinutes(slot.close);
      const closeWall = dayMs + (close > open ? close : close + 24 * 60) * 60_000;
      return [instantOfWallClock(hours.timeZone, dayMs + open * 60_000), instantOfWallClock(hours.timeZone, closeWall)];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Midnight (written as UTC) of the calendar day that `instant` falls on in the schedule's zone. */
function localDayOf(hours: BusinessHours, instant: number): number {
  const wall = wallClockAsUtc(hours.timeZone, instant);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

const hasAnySlot = (hours: BusinessHours) => WEEKDAYS.some((d) => (hours.days[d] ?? []).length > 0);

/** Whether the team is open at `now` by the schedule (always, when the schedule is switched off). */
export function isWithinBusinessHours(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  const t = now.getTime();
  const today = localDayOf(hours, t);
  // Yesterday's slot may run past midnight into today.
  return [today - DAY_MS, today].some((day) => intervalsOfDay(hours, day).some(([start, end]) => t >= start && t < end));
}

/**
 * When an answer promised `hoursToAnswer` hours after `from` is due. Counted in open time when the
 * schedule is on (a message on Friday evening is due some time next week), in plain hours otherwise.
 */
export function answerDueAt(hours: BusinessHours, from: Date, hoursToAnswer: number): Date {
  const plain = new Date(from.getTime() + hoursToAnswer * 3_600_000);
  if (!hours.enabled || !hasAnySlot(hours)) return plain;
  let remaining = hoursToAnswer * 3_600_000;
  let counted = from.getTime();
  const firstDay = localDayOf(hours, from.getTime()) - DAY_MS;
  for (let day = firstDay; day < firstDay + SEARCH_DAYS * DAY_MS; day += DAY_MS) {
    for (const [start, end] of intervalsOfDay(hours, day)) {
      const begin = Math.max(start, counted);
      if (end <= begin) continue;
      if (end - begin >= remaining) return new Date(begin + remaining);
      remaining -= end - begin;
      counted = end;
    }
  }
  return plain;
}

/** When the team opens next (now, when open); null when the schedule is off or has no open time ahead. */
export function nextOpeningAt(hours: BusinessHours, now: Date): Date | null {
  if (!hours.enabled) return null;
  if (isWithinBusinessHours(hours, now)) return now;
  if (!hasAnySlot(hours)) return null;
  const t = now.getTime();
  const today = localDayOf(hours, t);
  for (let day = today - DAY_MS; day < today + 400 * DAY_MS; day += DAY_MS) {
    const next = intervalsOfDay(hours, day).find(([start]) => start > t);
    if (next) return new Date(next[0]);
  }
  return null;
}

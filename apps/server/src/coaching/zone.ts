// Wall-clock parts of an instant in a time zone, and local midnights as instants, through Intl so DST is the zone's own.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", weekday: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export interface LocalParts {
  date: string;
  /** 0 = Monday. */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(at: number, tz: string): LocalParts {
  const parts = Object.fromEntries(formatter(tz).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_INDEX[parts.weekday],
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(at: number, tz: string): number {
  const p = localParts(at, tz);
  const [y, m, d] = p.date.split("-").map(Number);
  return Date.UTC(y, m - 1, d, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant the local day `date` (YYYY-MM-DD) begins in `tz`. */
export function startOfLocalDay(date: string, tz: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Twice: the offset at the guess can differ from the offset at the answer on a DST day.
  let at = utcMidnight - offsetAt(utcMidnight, tz);
  at = utcMidnight - offsetAt(at, tz);
  return at;
}

/** The next day's date (YYYY-MM-DD) on the calendar. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The instant the local hour after `at` begins (zones with half-hour offsets included). */
export function nextLocalHour(at: number, tz: string): number {
  const p = localParts(at, tz);
  return Math.floor(at / 1000) * 1000 + ((59 - p.minute) * 60 + (60 - p.second)) * 1000;
}

// One way to write a moment for a person, shared by the server (the notes it writes) and the inbox,
// so one promise reads as one time everywhere: in one zone, named whenever its clock is not the
// reader's own (and always in stored text, whose readers sit anywhere).
import type { Locale } from "./types.js";

export type TimeStyle = "clock" | "day" | "date";

/** English reads "3:30 PM", Dutch "09:00": the hour as each language writes it. */
function styleOptions(style: TimeStyle, locale: Locale): Intl.DateTimeFormatOptions {
  const clock: Intl.DateTimeFormatOptions = { hour: locale === "nl" ? "2-digit" : "numeric", minute: "2-digit" };
  if (style === "clock") return clock;
  if (style === "day") return { weekday: "short", day: "numeric", month: "short", ...clock };
  return { year: "numeric", month: "short", day: "numeric", ...clock };
}

/** A time zone Intl knows, else undefined. */
export function knownTimeZone(timeZone: string | null | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export interface TimeOptions {
  style: TimeStyle;
  /** The zone the moment is shown in; unknown or unset = the reader's own. */
  timeZone?: string | null;
  /** The reader's own zone; null when the text is stored for whoever reads it (the zone is then always named). */
  readerTimeZone: string | null | undefined;
}

export function formatTime(at: Date | string, locale: Locale, opts: TimeOptions): string {
  const date = typeof at === "string" ? new Date(at) : at;
  const reader = opts.readerTimeZone ?? undefined;
  const zone = knownTimeZone(opts.timeZone) ?? reader;
  const base = styleOptions(opts.style, locale);
  const shown = new Intl.DateTimeFormat(locale, { ...base, timeZone: zone }).format(date);
  const foreign = opts.readerTimeZone === null || shown !== new Intl.DateTimeFormat(locale, { ...base, timeZone: reader }).format(date);
  return foreign ? new Intl.DateTimeFormat(locale, { ...base, timeZone: zone, timeZoneName: "short" }).format(date) : shown;
}

/** The zone a follow-up's time is told in: the visitor's when known (they are the one waiting), else the team's. */
export function promiseTimeZone(visitorTimeZone: string | null | undefined, teamTimeZone: string): string {
  return knownTimeZone(visitorTimeZone) ?? teamTimeZone;
}

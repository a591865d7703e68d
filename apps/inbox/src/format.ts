// Times and durations as the operator reads them, in the inbox's language.
import { formatTime, knownTimeZone, type FollowUp, type Locale } from "@live-chat/protocol";

/** "0:42", "3:05", "1:02:09": language-neutral and steady while it ticks. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** How urgent a wait looks: amber from one minute, red from three. */
export function waitLevel(seconds: number): "ok" | "amber" | "red" {
  if (seconds >= 180) return "red";
  if (seconds >= 60) return "amber";
  return "ok";
}

/** The operator's own zone, asked each time: a laptop that travelled has moved zone too. */
export function ownTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "3:30 PM", in the operator's zone. Every time the inbox shows goes through formatTime, so a zone not theirs is named. */
export function clockTime(iso: string, locale: Locale): string {
  return formatTime(iso, locale, { style: "clock", readerTimeZone: ownTimeZone() });
}

/** "Dec 2, 2026, 3:30 PM", in the operator's zone. */
export function dateTime(iso: string, locale: Locale): string {
  return formatTime(iso, locale, { style: "date", readerTimeZone: ownTimeZone() });
}

/** A follow-up's due time as its note tells it: in the promise's zone, named when that is not the operator's. */
export function promiseDue(followUp: Pick<FollowUp, "dueAt" | "timeZone">, locale: Locale): string {
  return formatTime(followUp.dueAt, locale, { style: "day", timeZone: followUp.timeZone, readerTimeZone: ownTimeZone() });
}

/** The visitor's wall-clock time with its zone named, or null when their time zone is unknown or invalid. */
export function localTimeIn(timeZone: string | undefined, now: number, locale: Locale): string | null {
  if (!knownTimeZone(timeZone)) return null;
  return formatTime(new Date(now), locale, { style: "clock", timeZone, readerTimeZone: null });
}

// Times and durations as the operator reads them, in the inbox's language.
import type { Locale } from "@live-chat/protocol";

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

export function clockTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function dateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** The visitor's wall-clock time, or null when their time zone is unknown or invalid. */
export function localTimeIn(timeZone: string | undefined, now: number, locale: Locale): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(now));
  } catch {
    return null;
  }
}

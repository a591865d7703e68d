// Keeping promises: the reply an operator is offered after recording a follow-up, in the chat's
// language and the visitor's time, and the local date-time an <input type="datetime-local"> speaks.
import { formatTime, knownTimeZone, type FollowUpChannel, type Locale } from "@live-chat/protocol";
import { ownTimeZone } from "./format.js";

const REPLY: Record<Locale, Record<FollowUpChannel, string>> = {
  en: {
    callback: "I will call you back on {phone} by {when}.",
    email: "I will send you an e-mail by {when}.",
    chat: "I will get back to you here by {when}.",
  },
  nl: {
    callback: "Ik bel u uiterlijk {when} terug op {phone}.",
    email: "U ontvangt uiterlijk {when} een e-mail van ons.",
    chat: "Ik kom hier uiterlijk {when} bij u op terug.",
  },
};

const DAY_MS = 86_400_000;

/**
 * When, as the visitor reads it: "3:30 PM today", "9:00 AM tomorrow", "10:00 AM on Thursday, May 16";
 * "vandaag om 15:30", "morgen om 09:00", "donderdag 16 mei om 10:00". In the promise's zone (the
 * visitor's when known), the same clock as the note and the follow-up card; when that clock differs
 * from the operator's, the zone is named ("3:30 PM GMT-4 today").
 */
export function promiseTime(iso: string, locale: Locale, promiseZone: string | undefined, now: number): string {
  const timeZone = knownTimeZone(promiseZone);
  const at = new Date(iso);
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const time = formatTime(at, locale, { style: "clock", timeZone, readerTimeZone: ownTimeZone() });
  const which = day(at) === day(new Date(now)) ? "today" : day(at) === day(new Date(now + DAY_MS)) ? "tomorrow" : "later";
  if (locale === "nl") {
    if (which === "today") return `vandaag om ${time}`;
    if (which === "tomorrow") return `morgen om ${time}`;
    return `${new Intl.DateTimeFormat("nl", { timeZone, weekday: "long", day: "numeric", month: "long" }).format(at)} om ${time}`;
  }
  if (which === "today") return `${time} today`;
  if (which === "tomorrow") return `${time} tomorrow`;
  return `${time} on ${new Intl.DateTimeFormat("en", { timeZone, weekday: "long", day: "numeric", month: "long" }).format(at)}`;
}

/** The reply that tells the visitor what was promised; the operator edits and sends it. */
export function followUpReply(channel: FollowUpChannel, locale: Locale, when: string, phone = ""): string {
  return REPLY[locale][channel].replace("{when}", when).replace("{phone}", phone);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2025-05-16T14:30", the operator's local time, as datetime-local inputs take it. */
export function localInputValue(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A sensible default: two hours from now, rounded up to the quarter hour. */
export function defaultDue(now: number): Date {
  const at = new Date(now + 2 * 3_600_000);
  at.setSeconds(0, 0);
  at.setMinutes(Math.ceil(at.getMinutes() / 15) * 15);
  return at;
}

/** A datetime-local value as ISO with the operator's offset ("2025-05-16T14:30:00+02:00"); "" when it is not a time. */
export function isoWithOffset(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return "";
  const [, y, mo, d, h, mi] = match.map(Number);
  const at = new Date(y, mo - 1, d, h, mi);
  if (Number.isNaN(at.getTime())) return "";
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${localInputValue(at)}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

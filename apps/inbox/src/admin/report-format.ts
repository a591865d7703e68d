// How the reports write a duration and a share, shared by the summary tiles, the per-operator tables and the targets.
import type { Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";

/** 42 → "42 s", 200 → "3 min 20 s", 5400 → "1 h 30 min". */
export function formatDuration(locale: Locale, seconds: number | null): string {
  if (seconds === null) return t(locale, "none");
  const s = Math.round(seconds);
  if (s < 60) return t(locale, "seconds", { n: seconds < 10 ? seconds.toLocaleString(locale, { maximumFractionDigits: 1 }) : s });
  if (s < 3600) return t(locale, "minutes", { m: Math.floor(s / 60), s: s % 60 });
  return t(locale, "hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** 0.67 → "67%"; nothing to measure → "—". */
export function formatPercent(locale: Locale, rate: number | null): string {
  return rate === null ? t(locale, "none") : rate.toLocaleString(locale, { style: "percent", maximumFractionDigits: 0 });
}

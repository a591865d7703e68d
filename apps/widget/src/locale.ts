import type { Locale } from "@live-chat/protocol";

/** The attribute wins, then the browser's language, then the admin's default, else English. */
export function resolveLocale(attribute: string | null | undefined, fallback: Locale | undefined): Locale {
  if (attribute === "nl" || attribute === "en") return attribute;
  for (const language of navigator.languages ?? [navigator.language]) {
    const lower = language.toLowerCase();
    if (lower.startsWith("nl")) return "nl";
    if (lower.startsWith("en")) return "en";
  }
  return fallback ?? "en";
}

/** Fills `{name}` placeholders from a locale table entry; a missing value leaves no raw braces. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}

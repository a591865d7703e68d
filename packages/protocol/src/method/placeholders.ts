import type { Locale } from "../types.js";

const PLACEHOLDER_NAMES = ["visitor.name", "visitor.firstName", "operator.name", "operator.firstName", "greeting", "selection"] as const;
type Placeholder = (typeof PLACEHOLDER_NAMES)[number];
export const PLACEHOLDERS: readonly string[] = PLACEHOLDER_NAMES;

export interface PlaceholderContext {
  locale: Locale;
  visitor?: { name?: string | null };
  operator?: { name?: string | null };
  selection?: string | null;
  timeZone?: string | null;
  now?: Date;
}

/** What stands in for a missing value when the reply gives no `{name|fallback}`; null drops the word and tidies the sentence. */
const DEFAULT_FALLBACKS: Record<Locale, Record<Placeholder, string | null>> = {
  nl: {
    "visitor.name": null,
    "visitor.firstName": null,
    "operator.name": "een medewerker van de klantenservice",
    "operator.firstName": "een medewerker van de klantenservice",
    greeting: "Goedendag",
    selection: "uw laatste bericht",
  },
  en: {
    "visitor.name": null,
    "visitor.firstName": null,
    "operator.name": "a member of the support team",
    "operator.firstName": "a member of the support team",
    greeting: "Hello",
    selection: "your last message",
  },
};

const GREETINGS: Record<Locale, { morning: string; afternoon: string; evening: string }> = {
  nl: { morning: "Goedemorgen", afternoon: "Goedemiddag", evening: "Goedenavond" },
  en: { morning: "Good morning", afternoon: "Good afternoon", evening: "Good evening" },
};

const PLACEHOLDER_PATTERN = /\{(?<name>[A-Za-z][\w.]*)(?:\|(?<explicit>[^{}]*))?\}/g;
const QUOTED_PLACEHOLDER_PATTERN = new RegExp(
  `(?<open>["“„])?${PLACEHOLDER_PATTERN.source}(?<close>["”])?`,
  "g",
);
interface PlaceholderGroups {
  open?: string;
  name: string;
  explicit?: string;
  close?: string;
}
/** Marks where a dropped value was, so the punctuation around it can be mended afterwards. */
const HOLE = "\uE000";

function isPlaceholder(name: string): name is Placeholder {
  return PLACEHOLDERS.includes(name);
}

/** Good morning from 5:00, afternoon from 12:00, evening from 18:00; the small hours still count as evening, since "good night" is a farewell. */
export function greetingFor(hour: number, locale: Locale): string {
  const greetings = GREETINGS[locale];
  if (hour >= 5 && hour < 12) return greetings.morning;
  if (hour >= 12 && hour < 18) return greetings.afternoon;
  return greetings.evening;
}

export function localHour(timeZone: string | null | undefined, now: Date): number {
  if (!timeZone) return now.getHours();
  try {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" }).formatToParts(now);
    const hour = Number(parts.find((part) => part.type === "hour")?.value);
    return Number.isInteger(hour) ? hour % 24 : now.getHours();
  } catch {
    return now.getHours();
  }
}

function present(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : null;
}

function firstName(name: string | null): string | null {
  return name === null ? null : name.split(" ")[0];
}

function valueOf(name: Placeholder, ctx: PlaceholderContext): string | null {
  switch (name) {
    case "visitor.name":
      return present(ctx.visitor?.name);
    case "visitor.firstName":
      return firstName(present(ctx.visitor?.name));
    case "operator.name":
      return present(ctx.operator?.name);
    case "operator.firstName":
      return firstName(present(ctx.operator?.name));
    case "greeting":
      return greetingFor(localHour(ctx.timeZone, ctx.now ?? new Date()), ctx.locale);
    case "selection":
      return present(ctx.selection);
  }
}

function startsSentence(body: string, offset: number): boolean {
  return /(^|[.!?:]\s+|\n\s*)$/.test(body.slice(0, offset));
}

/** A greeting inside a sentence is written in lower case ("... en nog een goedemiddag"). */
function fitCase(text: string, body: string, offset: number): string {
  if (startsSentence(body, offset)) return text.charAt(0).toUpperCase() + text.slice(1);
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Mends the sentence around a dropped value: "Goedemiddag ," → "Goedemiddag,", "Dank u, ." → "Dank u.". */
function closeHoles(text: string): string {
  return text
    .replace(new RegExp(`[ \\t]*,[ \\t]*${HOLE}[ \\t]*,`, "g"), "")
    .replace(new RegExp(`[ \\t]*,[ \\t]*${HOLE}(?=[ \\t]*([.!?;:]|$))`, "gm"), "")
    .replace(new RegExp(`^([ \\t]*)${HOLE}[ \\t]*[,:]?[ \\t]*(\\p{L})`, "gmu"), (_m, indent: string, letter: string) =>
      indent + letter.toUpperCase(),
    )
    .replace(new RegExp(`[ \\t]+${HOLE}`, "g"), "")
    .replace(new RegExp(`${HOLE}[ \\t]*`, "g"), "");
}

/** Fills the known placeholders from the chat; a missing value takes the reply's own fallback, else a sensible default, never a hole. */
export function fillPlaceholders(body: string, ctx: PlaceholderContext): string {
  const filled = body.replace(QUOTED_PLACEHOLDER_PATTERN, (match: string, ...args: unknown[]) => {
    const offset = args[args.length - 3] as number;
    const { open = "", name, explicit, close = "" } = args[args.length - 1] as PlaceholderGroups;
    if (!isPlaceholder(name)) return match;
    const value = valueOf(name, ctx);
    if (value !== null) {
      const text = name === "greeting" ? fitCase(value, body, offset + open.length) : value;
      return open + text + close;
    }
    const fallback = present(explicit) ?? DEFAULT_FALLBACKS[ctx.locale][name] ?? HOLE;
    // Quotes around a placeholder quote the visitor's own words; around a fallback they would misquote.
    return open && close ? fallback : open + fallback + close;
  });
  return closeHoles(filled);
}

export function findUnknownPlaceholders(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match.groups?.name ?? "";
    if (!isPlaceholder(name)) unknown.add(name);
  }
  return [...unknown];
}

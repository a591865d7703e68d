// The opened chat's strings by language, each table its own chunk: a visitor downloads only the language
// they read (the launcher's few strings live in launcher.ts so its chunk stays tiny).
import type { Locale } from "@live-chat/protocol";
import type { Strings } from "./en.js";

export type { Strings };

const loaded: Partial<Record<Locale, Strings>> = {};
const loading: Partial<Record<Locale, Promise<Strings>>> = {};

/** Fetches one language's table once; a failed chunk load (network drop) may succeed on the next call. */
export function loadStrings(locale: Locale): Promise<Strings> {
  return (loading[locale] ??= (locale === "nl" ? import("./nl.js").then((m) => m.nl) : import("./en.js").then((m) => m.en)).then(
    (table) => (loaded[locale] = table),
    (err: unknown) => {
      delete loading[locale];
      throw err;
    },
  ));
}

/** The table if it has arrived; the panel renders nothing until it has. */
export function stringsFor(locale: Locale): Strings | undefined {
  return loaded[locale];
}

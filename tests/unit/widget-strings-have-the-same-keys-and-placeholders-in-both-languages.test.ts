// A key or a {placeholder} that exists in one language only shows a visitor a blank or a raw key: both tables must match.
import { describe, expect, it } from "vitest";
import { en } from "../../apps/widget/src/i18n/en.js";
import { LAUNCHER_STRINGS } from "../../apps/widget/src/i18n/launcher.js";
import { nl } from "../../apps/widget/src/i18n/nl.js";

type Table = { [key: string]: string | Table };

/** Every string of a table by its dotted key path (nested tables such as `system` included). */
function stringsByKey(table: Table, prefix = ""): [string, string][] {
  return Object.entries(table).flatMap(([key, value]): [string, string][] =>
    typeof value === "string" ? [[prefix + key, value]] : stringsByKey(value, `${prefix}${key}.`),
  );
}

/** The placeholders each key's string uses, sorted, so the two languages compare key by key. */
function placeholdersByKey(table: Table): Record<string, string[]> {
  return Object.fromEntries(stringsByKey(table).map(([key, value]) => [key, [...new Set(value.match(/\{\w+\}/g) ?? [])].sort()]));
}

describe("the widget's strings", () => {
  it("the opened chat has the same keys with the same placeholders in English and Dutch", () => {
    const english = placeholdersByKey(en);
    expect(Object.keys(english).length).toBeGreaterThan(50);
    expect(placeholdersByKey(nl)).toEqual(english);
  });

  it("the launcher has the same keys with the same placeholders in English and Dutch", () => {
    const english = placeholdersByKey(LAUNCHER_STRINGS.en);
    expect(Object.keys(english)).toContain("openChat");
    expect(placeholdersByKey(LAUNCHER_STRINGS.nl)).toEqual(english);
  });

  it("no string is left empty", () => {
    for (const table of [en, nl, LAUNCHER_STRINGS.en, LAUNCHER_STRINGS.nl])
      for (const [key, value] of stringsByKey(table)) expect(value.trim(), key).not.toBe("");
  });
});

// An operator switching the inbox (admin area included) between Dutch and English never meets a missing string or an unfilled {slot}.
import { describe, expect, it } from "vitest";
import { en } from "../../apps/inbox/src/i18n/en.js";
import { nl } from "../../apps/inbox/src/i18n/nl.js";
import { slotsOf } from "../../apps/inbox/src/i18n.js";

const tables: Record<string, Record<string, string>> = { en, nl };

/** The distinct slot names of a string, in a fixed order: a translation may name a slot once or twice. */
const slotSet = (text: string) => [...new Set(slotsOf(text))].sort();

describe("the inbox's strings", () => {
  it("have exactly the same keys in Dutch and English", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it("have the same {placeholders} per key in Dutch and English", () => {
    const mismatches = Object.keys(en)
      .filter((key) => key in nl)
      .map((key) => ({ key, en: slotSet(tables.en[key]), nl: slotSet(tables.nl[key]) }))
      .filter((row) => row.en.join() !== row.nl.join());
    expect(mismatches).toEqual([]);
  });

  it("say something in both languages", () => {
    const empty = Object.entries(tables).flatMap(([locale, table]) => Object.entries(table).filter(([, text]) => text.trim() === "").map(([key]) => `${locale}.${key}`));
    expect(empty).toEqual([]);
  });

  it("are read for the slots t() fills, not for literal braces such as a canned reply's fallback", () => {
    expect(slotsOf("Welcome, {name}! {visitor.name|there} stays as it is")).toEqual(["name"]);
  });
});

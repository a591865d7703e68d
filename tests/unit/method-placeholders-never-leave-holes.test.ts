import { describe, expect, it } from "vitest";
import {
  fillPlaceholders,
  findUnknownPlaceholders,
  greetingFor,
  localHour,
  PLACEHOLDERS,
  type PlaceholderContext,
} from "@live-chat/protocol";

// 13:30 UTC: afternoon in Amsterdam, morning in New York, evening in Tokyo.
const now = new Date("2025-03-10T13:30:00Z");
const known: PlaceholderContext = {
  locale: "nl",
  visitor: { name: "Piet Jansen" },
  operator: { name: "Sanne de Vries" },
  selection: "kapot",
  timeZone: "Europe/Amsterdam",
  now,
};
const unknownVisitor: PlaceholderContext = { locale: "nl", operator: { name: "Sanne de Vries" }, timeZone: "Europe/Amsterdam", now };

describe("placeholders are filled from the chat and never leave holes", () => {
  it("fills names, first names, the greeting and the selection", () => {
    expect(fillPlaceholders("{greeting} {visitor.firstName}, ik ben {operator.name}.", known)).toBe(
      "Goedemiddag Piet, ik ben Sanne de Vries.",
    );
    expect(fillPlaceholders("{visitor.name} / {operator.firstName}", known)).toBe("Piet Jansen / Sanne");
    expect(fillPlaceholders('Wat bedoelt u precies met "{selection}"?', known)).toBe('Wat bedoelt u precies met "kapot"?');
  });

  it("knows exactly the placeholders the contract lists", () => {
    expect([...PLACEHOLDERS].sort()).toEqual(
      ["greeting", "operator.firstName", "operator.name", "selection", "visitor.firstName", "visitor.name"].sort(),
    );
  });

  it("drops a missing name together with the comma it would leave", () => {
    expect(fillPlaceholders("Goedemiddag {visitor.name},", unknownVisitor)).toBe("Goedemiddag,");
    expect(fillPlaceholders("{greeting} {visitor.firstName}, ik ben {operator.firstName}.", unknownVisitor)).toBe(
      "Goedemiddag, ik ben Sanne.",
    );
    expect(fillPlaceholders("Dank u wel, {visitor.name}.", unknownVisitor)).toBe("Dank u wel.");
    expect(fillPlaceholders("Dank u wel voor uw vraag, {visitor.name}, en nog een fijne dag.", unknownVisitor)).toBe(
      "Dank u wel voor uw vraag en nog een fijne dag.",
    );
    expect(fillPlaceholders("{visitor.name}, fijn dat u er bent.", unknownVisitor)).toBe("Fijn dat u er bent.");
    expect(fillPlaceholders("Hallo {visitor.name}!", unknownVisitor)).toBe("Hallo!");
  });

  it("treats a blank name as a missing one", () => {
    expect(fillPlaceholders("Hallo {visitor.name}!", { ...unknownVisitor, visitor: { name: "   " } })).toBe("Hallo!");
  });

  it("uses the reply's own fallback when it gives one", () => {
    expect(fillPlaceholders("Hi {visitor.name|there}!", { ...unknownVisitor, locale: "en" })).toBe("Hi there!");
    expect(fillPlaceholders("Hi {visitor.name|there}!", { ...known, locale: "en" })).toBe("Hi Piet Jansen!");
  });

  it("falls back to a sensible word in the chat's language", () => {
    expect(fillPlaceholders("Ik ben {operator.name}.", { locale: "nl", now })).toBe("Ik ben een medewerker van de klantenservice.");
    expect(fillPlaceholders("I'm {operator.name}.", { locale: "en", now })).toBe("I'm a member of the support team.");
    expect(fillPlaceholders('Wat bedoelt u precies met "{selection}"?', unknownVisitor)).toBe(
      "Wat bedoelt u precies met uw laatste bericht?",
    );
    expect(fillPlaceholders('What exactly do you mean by "{selection}"?', { locale: "en", now })).toBe(
      "What exactly do you mean by your last message?",
    );
  });

  it("never leaves braces or empty quotes of a known placeholder behind", () => {
    const everything = PLACEHOLDERS.map((name) => `"{${name}}"`).join(" ");
    for (const locale of ["nl", "en"] as const) {
      const filled = fillPlaceholders(everything, { locale, now });
      expect(filled).not.toMatch(/[{}]|""/);
    }
  });

  it("leaves unknown placeholders alone and reports them", () => {
    expect(fillPlaceholders("Uw order {order.number} is onderweg.", known)).toBe("Uw order {order.number} is onderweg.");
    expect(findUnknownPlaceholders("{greeting} {visitor.nmae}, {order.number|onbekend} {visitor.name}")).toEqual([
      "visitor.nmae",
      "order.number",
    ]);
    expect(findUnknownPlaceholders("{greeting}, ik ben {operator.name}.")).toEqual([]);
  });

  it("does not fill placeholders that arrive inside a value", () => {
    expect(fillPlaceholders("Hallo {visitor.name}", { ...known, visitor: { name: "{operator.name}" } })).toBe(
      "Hallo {operator.name}",
    );
  });
});

describe("the greeting follows the visitor's clock", () => {
  it.each([
    [5, "Goedemorgen", "Good morning"],
    [11, "Goedemorgen", "Good morning"],
    [12, "Goedemiddag", "Good afternoon"],
    [17, "Goedemiddag", "Good afternoon"],
    [18, "Goedenavond", "Good evening"],
    [23, "Goedenavond", "Good evening"],
    [2, "Goedenavond", "Good evening"],
  ])("at %i:00 it is %s / %s", (hour, nl, en) => {
    expect(greetingFor(hour, "nl")).toBe(nl);
    expect(greetingFor(hour, "en")).toBe(en);
  });

  it("reads the hour in the visitor's time zone", () => {
    expect(localHour("Europe/Amsterdam", now)).toBe(14);
    expect(localHour("America/New_York", now)).toBe(9);
    expect(localHour("Asia/Tokyo", now)).toBe(22);
    expect(fillPlaceholders("{greeting}!", { locale: "en", timeZone: "America/New_York", now })).toBe("Good morning!");
    expect(fillPlaceholders("{greeting}!", { locale: "en", timeZone: "Asia/Tokyo", now })).toBe("Good evening!");
  });

  it("falls back to the server's clock for a missing or invalid zone", () => {
    expect(localHour("Mars/Olympus_Mons", now)).toBe(now.getHours());
    expect(localHour(null, now)).toBe(now.getHours());
    expect(localHour(undefined, now)).toBe(now.getHours());
  });

  it("writes the greeting in lower case inside a sentence", () => {
    expect(fillPlaceholders("Nog een fijne {greeting}", { locale: "nl", timeZone: "Europe/Amsterdam", now })).toBe(
      "Nog een fijne goedemiddag",
    );
  });
});

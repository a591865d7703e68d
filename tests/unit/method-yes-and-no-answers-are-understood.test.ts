import { describe, expect, it } from "vitest";
import { classifyYesNo } from "@live-chat/protocol";

describe("a visitor's yes or no is understood", () => {
  it.each([
    ["Ja", "nl"],
    ["jazeker!", "nl"],
    ["Klopt", "nl"],
    ["Dat klopt, ja.", "nl"],
    ["Ja, ik heb nog een vraag", "nl"],
    ["Oh ja, inderdaad", "nl"],
    ["Yes", "en"],
    ["Correct.", "en"],
    ["That's right", "en"],
    ["That’s right!", "en"],
    ["Yep, exactly", "en"],
  ] as const)("%s is a yes", (reply, locale) => {
    expect(classifyYesNo(reply, locale)).toBe("yes");
  });

  it.each([
    ["Nee", "nl"],
    ["nee hoor, dat was het", "nl"],
    ["Niet helemaal", "nl"],
    ["Dat klopt niet", "nl"],
    ["Klopt niet helemaal, het gaat om iets anders", "nl"],
    ["Zeker niet", "nl"],
    ["No", "en"],
    ["Not really", "en"],
    ["No thanks, that's all", "en"],
    ["That's not right", "en"],
  ] as const)("%s is a no", (reply, locale) => {
    expect(classifyYesNo(reply, locale)).toBe("no");
  });

  it.each([
    "Het gaat om mijn bestelling",
    "Hoe laat gaan jullie open?",
    "Wacht even",
    "Nooit geweten",
    "Notably, the parcel is late",
    "",
  ])("%j says neither, so the question stays open", (reply) => {
    expect(classifyYesNo(reply, "nl")).toBeNull();
  });

  it("understands a visitor who answers in the other language", () => {
    expect(classifyYesNo("yes", "nl")).toBe("yes");
    expect(classifyYesNo("nee", "en")).toBe("no");
  });
});

import { describe, expect, it } from "vitest";
import { SPELLING_ALPHABETS, spellOut } from "@live-chat/protocol";

describe("the spelling alphabet spells a name or code", () => {
  it("spells in the NATO alphabet in English", () => {
    expect(spellOut("Bob", "nato", "en")).toBe("B as in Bravo, O as in Oscar, B as in Bravo");
  });

  it("spells in the Dutch alphabet in Dutch", () => {
    expect(spellOut("Bob", "nl", "nl")).toBe("B van Bernard, O van Otto, B van Bernard");
  });

  it("spells the Dutch ij as one letter, but not in the NATO alphabet", () => {
    expect(spellOut("Bijl", "nl", "nl")).toBe("B van Bernard, IJ van IJmuiden, L van Lodewijk");
    expect(spellOut("Bijl", "nato", "nl")).toBe("B van Bravo, I van India, J van Juliett, L van Lima");
  });

  it("says digits, spaces and common signs in words", () => {
    expect(spellOut("AB 12", "nato", "en")).toBe("A as in Alfa, B as in Bravo, space, 1 (one), 2 (two)");
    expect(spellOut("k-9", "nl", "nl")).toBe("K van Karel, streepje, 9 (negen)");
    expect(spellOut("a@b.nl", "nato", "en")).toBe(
      "A as in Alfa, at sign, B as in Bravo, dot, N as in November, L as in Lima",
    );
  });

  it("spells an accented letter with the word for its plain letter", () => {
    expect(spellOut("Zoë", "nl", "nl")).toBe("Z van Zaandam, O van Otto, Ë van Eduard");
  });

  it("ignores surrounding and repeated whitespace", () => {
    expect(spellOut("  A   B ", "nato", "en")).toBe("A as in Alfa, space, B as in Bravo");
    expect(spellOut("", "nato", "en")).toBe("");
  });

  it("has a word for every letter of the alphabet in both alphabets", () => {
    for (const alphabet of Object.values(SPELLING_ALPHABETS)) {
      for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") expect(alphabet[letter]).toMatch(/^\p{Lu}/u);
    }
  });
});

import type { Locale } from "../types.js";

export type SpellingAlphabet = "nato" | "nl";

export const SPELLING_ALPHABETS: Record<SpellingAlphabet, Record<string, string>> = {
  nato: {
    A: "Alfa", B: "Bravo", C: "Charlie", D: "Delta", E: "Echo", F: "Foxtrot", G: "Golf", H: "Hotel", I: "India",
    J: "Juliett", K: "Kilo", L: "Lima", M: "Mike", N: "November", O: "Oscar", P: "Papa", Q: "Quebec", R: "Romeo",
    S: "Sierra", T: "Tango", U: "Uniform", V: "Victor", W: "Whiskey", X: "X-ray", Y: "Yankee", Z: "Zulu",
  },
  nl: {
    A: "Anton", B: "Bernard", C: "Cornelis", D: "Dirk", E: "Eduard", F: "Ferdinand", G: "Gerard", H: "Hendrik",
    I: "Izaak", J: "Jan", K: "Karel", L: "Lodewijk", M: "Marie", N: "Nico", O: "Otto", P: "Pieter", Q: "Quirinus",
    R: "Rudolf", S: "Simon", T: "Teunis", U: "Utrecht", V: "Victor", W: "Willem", X: "Xantippe", IJ: "IJmuiden",
    Y: "Ypsilon", Z: "Zaandam",
  },
};

interface SpellingPhrases {
  letter: (letter: string, word: string) => string;
  digit: (digit: string, word: string) => string;
  digits: readonly string[];
  symbols: Record<string, string>;
  separator: string;
}

const PHRASES: Record<Locale, SpellingPhrases> = {
  nl: {
    letter: (letter, word) => `${letter} van ${word}`,
    digit: (digit, word) => `${digit} (${word})`,
    digits: ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
    symbols: {
      " ": "spatie", "-": "streepje", _: "liggend streepje", ".": "punt", ",": "komma", "@": "apenstaartje",
      "/": "schuine streep", "+": "plus", "&": "en-teken", "'": "apostrof", "#": "hekje",
    },
    separator: ", ",
  },
  en: {
    letter: (letter, word) => `${letter} as in ${word}`,
    digit: (digit, word) => `${digit} (${word})`,
    digits: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    symbols: {
      " ": "space", "-": "dash", _: "underscore", ".": "dot", ",": "comma", "@": "at sign", "/": "slash",
      "+": "plus", "&": "ampersand", "'": "apostrophe", "#": "hash",
    },
    separator: ", ",
  },
};

/** The plain letter under an accent, so "é" is spelled with the word for E. */
function baseLetter(char: string): string {
  return char.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
}

/** Spells a name or code for reading out: "B as in Bravo, O as in Oscar, …" / "B van Bernard, O van Otto, …". */
export function spellOut(text: string, alphabet: SpellingAlphabet, locale: Locale): string {
  const words = SPELLING_ALPHABETS[alphabet];
  const phrases = PHRASES[locale];
  const chars = [...text.replace(/\s+/g, " ").trim()];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    const pair = (char + (chars[i + 1] ?? "")).toUpperCase();
    // The Dutch alphabet spells ij as one letter.
    if (pair === "IJ" && words.IJ) {
      parts.push(phrases.letter("IJ", words.IJ));
      i++;
    } else if (/\p{L}/u.test(char) && words[baseLetter(char)]) {
      parts.push(phrases.letter(char.toUpperCase(), words[baseLetter(char)]));
    } else if (/[0-9]/.test(char)) {
      parts.push(phrases.digit(char, phrases.digits[Number(char)]));
    } else {
      parts.push(phrases.symbols[char] ?? char);
    }
  }
  return parts.join(phrases.separator);
}

import type { Locale } from "../types.js";

const CLARIFY: Record<Locale, { quoted: (words: string) => string; unquoted: string }> = {
  nl: { quoted: (words) => `Wat bedoelt u precies met "${words}"?`, unquoted: "Wat bedoelt u daar precies mee?" },
  en: { quoted: (words) => `What exactly do you mean by "${words}"?`, unquoted: "What exactly do you mean by that?" },
};

const SUMMARY: Record<Locale, (question: string) => string> = {
  nl: (question) => `Begrijp ik het goed dat ${question}?`,
  en: (question) => `Do I understand correctly that ${question}?`,
};

/** The visitor's "I" becomes the operator's "you"; the operator still polishes the grammar. */
const PERSPECTIVE: Record<Locale, Record<string, string>> = {
  nl: { ik: "u", mij: "u", me: "u", mijn: "uw", "m'n": "uw", mezelf: "uzelf", mijzelf: "uzelf" },
  en: {
    i: "you", me: "you", my: "your", mine: "yours", myself: "yourself", "i'm": "you're", "i've": "you've",
    "i'd": "you'd", "i'll": "you'll", am: "are",
  },
};

function tidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["“„'‘]+|["”'’]+$/g, "")
    .replace(/[\s.?!,;:…]+$/u, "")
    .trim();
}

export function clarifyDraft(selection: string, locale: Locale): string {
  const words = tidy(selection);
  return words ? CLARIFY[locale].quoted(words) : CLARIFY[locale].unquoted;
}

function fromVisitorsPerspective(text: string, locale: Locale): string {
  const swaps = PERSPECTIVE[locale];
  return text.replace(/[\p{L}'’]+/gu, (word) => swaps[word.toLowerCase().replace(/’/g, "'")] ?? word);
}

/** Each sentence now continues the summary, so its capital goes, unless it opens with an acronym. */
function continuing(sentence: string): string {
  return /^\p{Lu}{2,}(?!\p{L})/u.test(sentence) ? sentence : sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** A first draft of the summary, built from the visitor's own words, for the operator to rewrite before sending. */
export function summaryDraft(visitorQuestion: string, locale: Locale): string {
  const sentences = visitorQuestion
    .split(/[.?!]+\s+|\n+/)
    .map(tidy)
    .filter((sentence) => sentence.length > 0)
    .map((sentence) => continuing(fromVisitorsPerspective(sentence, locale)));
  return SUMMARY[locale](sentences.length > 0 ? sentences.join(", ") : "…");
}

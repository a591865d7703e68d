import type { Locale } from "../types.js";

type Answer = "yes" | "no";

/** How visitors open a yes or a no, per language; "klopt niet" must win over "klopt", so the longest match counts. */
const ANSWER_PHRASES: Record<Locale, Record<Answer, readonly string[]>> = {
  nl: {
    yes: [
      "ja", "jazeker", "ja zeker", "ja hoor", "jawel", "jep", "jup", "klopt", "dat klopt", "klopt helemaal",
      "helemaal goed", "correct", "dat is correct", "precies", "inderdaad", "zeker", "zeker weten", "absoluut",
      "dat is juist", "juist", "klopt precies",
    ],
    no: [
      "nee", "neen", "nee hoor", "nope", "niet helemaal", "niet echt", "nog niet", "helaas niet", "helemaal niet",
      "klopt niet", "dat klopt niet", "klopt niet helemaal", "dat klopt niet helemaal", "niet correct",
      "dat is niet correct", "dat is het niet", "niet juist", "dat is niet juist", "zeker niet", "absoluut niet",
      "geen vragen", "geen vragen meer", "verder niet", "nee dank u", "nee dank je", "nee bedankt",
    ],
  },
  en: {
    yes: [
      "yes", "yeah", "yep", "yup", "yes please", "correct", "that's correct", "that is correct", "that's right",
      "that is right", "right", "exactly", "indeed", "absolutely", "sure", "certainly", "of course", "precisely",
    ],
    no: [
      "no", "nope", "nah", "not really", "not quite", "not yet", "not exactly", "not at all", "no thanks",
      "no thank you", "that's not right", "that is not right", "that's not correct", "that is not correct",
      "not correct", "incorrect", "that's not it", "that is not it", "not right", "no more questions",
      "nothing else", "sadly not", "unfortunately not",
    ],
  },
};

/** Words people put before their answer ("oh ja", "well, no"). */
const LEAD_INS = new Set(["oh", "o", "eh", "uh", "uhm", "ehm", "hmm", "nou", "well", "ah", "ok", "oke", "okay"]);

function normalise(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

function longestLeadingPhrase(words: string[], phrases: readonly string[]): number {
  let longest = 0;
  for (const phrase of phrases) {
    const parts = phrase.split(" ");
    if (parts.length > words.length) continue;
    if (parts.every((part, i) => words[i] === part) && parts.length > longest) longest = parts.length;
  }
  return longest;
}

/** Reads a visitor's reply to a yes/no question from how it opens; null when it does not say. Visitors often answer in the other language, so both are understood, the chat's own first. */
export function classifyYesNo(text: string, locale: Locale): Answer | null {
  let words = normalise(text);
  while (words.length > 1 && LEAD_INS.has(words[0])) words = words.slice(1);
  const languages: Locale[] = locale === "nl" ? ["nl", "en"] : ["en", "nl"];
  let best: { answer: Answer; length: number } | null = null;
  for (const language of languages) {
    for (const answer of ["no", "yes"] as const) {
      const length = longestLeadingPhrase(words, ANSWER_PHRASES[language][answer]);
      if (length > 0 && (best === null || length > best.length)) best = { answer, length };
    }
  }
  return best?.answer ?? null;
}

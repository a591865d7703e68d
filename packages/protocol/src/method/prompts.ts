import type { Locale } from "../types.js";

const CLARIFY: Record<Locale, { quoted: (words: string) => string; unquoted: string }> = {
  nl: { quoted: (words) => `Wat bedoelt u precies met "${words}"?`, unquoted: "Wat bedoelt u daar precies mee?" },
  en: { quoted: (words) => `What exactly do you mean by "${words}"?`, unquoted: "What exactly do you mean by that?" },
};

const SUMMARY: Record<Locale, { statement: (text: string) => string; wantsToKnow: (text: string) => string; direct: (question: string) => string }> = {
  nl: {
    statement: (text) => `Begrijp ik het goed dat ${text}?`,
    wantsToKnow: (text) => `Begrijp ik het goed dat u wilt weten ${text}?`,
    direct: (question) => `Begrijp ik het goed dat u wilt weten: ${question}?`,
  },
  en: {
    statement: (text) => `Do I understand correctly that ${text}?`,
    wantsToKnow: (text) => `Do I understand correctly that you would like to know ${text}?`,
    direct: (question) => `Do I understand correctly that you would like to know: ${question}?`,
  },
};

/** Words a visitor opens with that carry no question; a summary that repeats them reads as a parrot. */
const GREETING: Record<Locale, RegExp> = {
  nl: /^(?:(?:hallo|hoi|hey|hee|hi|dag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|goeiemiddag|goedendag|beste|geachte)(?:\s+(?:allemaal|daar|team|klantenservice|mevrouw|meneer|heer))?(?![\p{L}'’])[\s,!.:;-]*)+/iu,
  en: /^(?:(?:hello|hi|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening|day))(?:\s+(?:there|all|everyone|team|support))?(?![\p{L}'’])[\s,!.:;-]*)+/iu,
};

/** Sentences that announce a question without asking it. */
const ANNOUNCEMENT: Record<Locale, RegExp> = {
  nl: /^(?:ik heb (?:een|nog een) (?:vraag|vraagje)|(?:een )?(?:korte )?vraag(?:je)?|ik vroeg me iets af|mag ik iets vragen|dank ?u|bedankt)$/iu,
  en: /^(?:i have a (?:quick )?question|(?:a )?quick question|i was wondering something|can i ask something|thanks?(?: you)?)$/iu,
};

/** "Can you tell me …" and the like: what follows is already the question in indirect form. */
const WANTS_TO_KNOW: Record<Locale, RegExp> = {
  nl: /^(?:kunt u|kan u|kun je|kan je|zou u|zoudt u)\s+(?:mij|me)\s+(?:vertellen|laten weten|uitleggen|zeggen)\s+|^ik (?:wil|wou|zou) (?:graag )?(?:weten|vragen)\s+|^ik vraag me af\s+|^ik vroeg me af\s+/iu,
  en: /^(?:can|could|would) you (?:please )?(?:tell|let) me(?: know)?\s+|^(?:can|could|would) you (?:please )?explain\s+|^i(?:'d| would) like to know\s+|^i want to know\s+|^i(?:'m| am| was) wondering\s+|^i wonder\s+/iu,
};

/** A direct question ("Where is my parcel?") follows a colon, since "that …" would not fit it. */
const DIRECT_QUESTION = /\?\s*$/u;

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

/** Polite Dutch keeps "u" with the verb form that belongs to it (u wilt, u kunt, u bent). */
const NL_U_VERBS: Record<string, string> = { wil: "wilt", kan: "kunt", ben: "bent", heb: "hebt", zal: "zult" };

function politeVerbs(text: string, locale: Locale): string {
  if (locale !== "nl") return text;
  return text
    .replace(/\bu (wil|kan|ben|heb|zal)\b/gu, (_m, verb: string) => `u ${NL_U_VERBS[verb]}`)
    .replace(/\b(wil|kan|ben|heb|zal) u\b/giu, (_m, verb: string) => `${NL_U_VERBS[verb.toLowerCase()]} u`);
}

/** The visitor's text in sentences, each with its own end mark, greetings dropped. */
function sentencesOf(text: string, locale: Locale): string[] {
  return (text.match(/[^.?!…\n]+(?:[.?!…]+|$)/gu) ?? [])
    .map((sentence) => sentence.replace(/\s+/g, " ").trim().replace(GREETING[locale], "").trim())
    .filter((sentence) => tidy(sentence).length > 0 && !ANNOUNCEMENT[locale].test(tidy(sentence)));
}

/**
 * A first draft of the summary the operator can send with a light edit: the first sentence of the
 * visitor's question (or the operator's selection, when there is one), greetings dropped, in the
 * operator's perspective. `visitorTexts` are the visitor's messages since the last summary, oldest first.
 */
export function summaryDraft(visitorTexts: string | readonly string[], locale: Locale, selection = ""): string {
  const frame = SUMMARY[locale];
  const chosen = tidy(selection) ? selection : (typeof visitorTexts === "string" ? [visitorTexts] : visitorTexts).flatMap((text) => sentencesOf(text, locale))[0];
  if (!chosen) return frame.statement("…");
  const isQuestion = DIRECT_QUESTION.test(chosen);
  let sentence = tidy(chosen.replace(GREETING[locale], ""));
  const indirect = WANTS_TO_KNOW[locale].exec(sentence);
  if (indirect) sentence = sentence.slice(indirect[0].length);
  const text = politeVerbs(continuing(fromVisitorsPerspective(sentence, locale)), locale);
  if (indirect) return frame.wantsToKnow(text);
  return isQuestion ? frame.direct(text) : frame.statement(text);
}

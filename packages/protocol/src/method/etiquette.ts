import type { Locale, Phase } from "../types.js";

export type HintCode =
  | "no_greeting"
  | "name_not_used"
  | "all_caps"
  | "many_exclamations"
  | "emoji_formal"
  | "too_long"
  | "visitor_waiting"
  | "hold_without_asking"
  | "blame";

export interface Hint {
  code: HintCode;
  message: string;
}

export interface HintContext {
  locale: Locale;
  phase: Phase;
  formal: boolean;
  visitorName?: string | null;
  operatorTextsSent: number;
  nameUsedBefore: boolean;
  visitorWaitingSeconds?: number;
  askedToHold?: boolean;
}

export const HINT_MESSAGES: Record<Locale, Record<HintCode, string>> = {
  nl: {
    no_greeting: "Begin met een begroeting en stel uzelf voor.",
    name_not_used: "Spreek de klant eens aan met zijn of haar naam; dat maakt het gesprek persoonlijk.",
    all_caps: "Hoofdletters lezen als schreeuwen. Schrijf in gewone letters.",
    many_exclamations: "Meerdere uitroeptekens komen opgewonden over. Eén is genoeg, vaak geen.",
    emoji_formal: "Dit is een formeel gesprek: laat emoji en smileys weg.",
    too_long: "Dit is een lang bericht. Splits het in kortere berichten, dan leest het makkelijker.",
    visitor_waiting: "De klant wacht al meer dan een minuut. Stuur eerst een kort bericht en werk daarna verder.",
    hold_without_asking: "Vraag eerst of de klant even kan wachten, bijvoorbeeld: \"Mag ik u even laten wachten?\"",
    blame: "Schuif de verantwoordelijkheid niet door. Spreek namens het bedrijf en los het op.",
  },
  en: {
    no_greeting: "Start with a greeting and introduce yourself.",
    name_not_used: "Address the customer by name now and then; it makes the conversation personal.",
    all_caps: "Capitals read as shouting. Write in ordinary letters.",
    many_exclamations: "Several exclamation marks come across as excited. One is enough, often none.",
    emoji_formal: "This is a formal conversation: leave out emoji and smileys.",
    too_long: "This is a long message. Split it into shorter ones so it reads more easily.",
    visitor_waiting: "The customer has waited over a minute. Send a short message first, then carry on.",
    hold_without_asking: "Ask first whether the customer can wait, for example: \"May I put you on hold for a moment?\"",
    blame: "Don't pass the blame. Speak for the company and put it right.",
  },
};

/** Beyond this a chat message is better sent in parts. */
export const LONG_MESSAGE_CHARS = 300;
/** After this the visitor deserves a short sign of life. */
export const VISITOR_WAITING_SECONDS = 60;
/** "After a few messages": by then the name should have come up once. */
const TEXTS_BEFORE_NAME_EXPECTED = 2;

/** Matches whole words, also ones with accents ("één"), which `\b` does not see as letters. */
function words(alternatives: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "iu");
}

const GREETING_WORDS = words(
  "goede(?:morgen|middag|navond|ndag)|hallo|hoi|dag|welkom|beste|good (?:morning|afternoon|evening|day)|hello|hi|hey|welcome|dear",
);
const EMOJI = /\p{Extended_Pictographic}|(?:^|\s)[:;=][-']?[()DPp/|](?!\p{L})|(?:^|\s)xD(?!\p{L})|<3/u;
const HOLD_WORDS = words(
  "even wachten|even geduld|(?:een|één) (?:moment|ogenblik)(?:je)?|momentje|ogenblikje|blijft u even|one moment|just a (?:moment|sec|second|minute)|a moment,? please|hold on|hang on|bear with me|please wait|one sec(?:ond)?",
);
/** A question that asks leave to let the visitor wait ("Mag ik u even laten wachten?"). */
const ASKING_TO_HOLD = new RegExp(
  `${words("mag ik|vindt u het goed|vind je het goed|kunt u|kun je|wilt u|is het goed|may i|can i|could you|would you mind|do you mind|is it ok(?:ay)?|is that ok(?:ay)?|can you").source}[^?.!]*(?:wacht|moment|ogenblik|geduld|hold|wait)[^?.!]*\\?`,
  "iu",
);
const BLAME = [
  words("(?:collega|afdeling)[^.!?]{0,40}(?:fout|vergist|verkeerd|vergeten)"),
  words("niet (?:mijn|onze) (?:schuld|afdeling|fout|taak|probleem)"),
  words("daar ga ik niet over"),
  words("(?:uw|je|jouw) eigen (?:schuld|fout)"),
  words("not (?:my|our) (?:fault|department|job|problem|responsibility)"),
  words("colleague[^.!?]{0,40}(?:mistake|wrong|messed up|forgot)"),
  words("(?:someone|somebody) else'?s (?:fault|problem|department)"),
  words("your own (?:fault|mistake)"),
  words("not up to me"),
];

/** Shouting is most of the words in capitals, or a run of them; a lone acronym (PDF, IBAN, KVK BTW) is not. */
function isShouting(draft: string): boolean {
  const tokens = draft.split(/\s+/).map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const plainWords = tokens.filter((token) => /^\p{L}{2,}$/u.test(token));
  const isShouted = (token: string): boolean => /^\p{Lu}{2,}$/u.test(token);
  if (plainWords.length >= 3 && plainWords.filter(isShouted).length / plainWords.length > 0.7) return true;
  let run: string[] = [];
  for (const token of tokens) {
    run = isShouted(token) ? [...run, token] : [];
    if (run.length >= 3 || (run.length === 2 && run.join("").length >= 7)) return true;
  }
  return false;
}

function mentionsName(draft: string, visitorName: string): boolean {
  if (/\{visitor\.(name|firstName)(\|[^}]*)?\}/.test(draft)) return true;
  return visitorName
    .split(/\s+/)
    .filter((part) => part.length > 1)
    .some((part) => words(part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).test(draft));
}

/** Whether a message asks the visitor's leave to let them wait, so later hold words need no asking again. */
export function asksLeaveToHold(text: string): boolean {
  return ASKING_TO_HOLD.test(text);
}

/** Quiet remarks on a draft; they never stop the operator from sending it. */
export function etiquetteHints(draft: string, ctx: HintContext): Hint[] {
  const text = draft.trim();
  const codes: HintCode[] = [];
  if (text.length > 0) {
    const greets = text.includes("{greeting}") || GREETING_WORDS.test(text);
    if (ctx.phase === "opening" && ctx.operatorTextsSent === 0 && !greets) codes.push("no_greeting");
    const name = ctx.visitorName?.trim();
    if (
      name &&
      !ctx.nameUsedBefore &&
      ctx.operatorTextsSent >= TEXTS_BEFORE_NAME_EXPECTED &&
      !mentionsName(text, name)
    ) {
      codes.push("name_not_used");
    }
    if (isShouting(text)) codes.push("all_caps");
    if ((text.match(/!/g) ?? []).length >= 2) codes.push("many_exclamations");
    if (ctx.formal && EMOJI.test(text)) codes.push("emoji_formal");
    if (text.length > LONG_MESSAGE_CHARS) codes.push("too_long");
    if (HOLD_WORDS.test(text) && !ctx.askedToHold && !ASKING_TO_HOLD.test(text)) codes.push("hold_without_asking");
    if (BLAME.some((pattern) => pattern.test(text))) codes.push("blame");
  }
  if ((ctx.visitorWaitingSeconds ?? 0) > VISITOR_WAITING_SECONDS) codes.push("visitor_waiting");
  return codes.map((code) => ({ code, message: HINT_MESSAGES[ctx.locale][code] }));
}

import { PHASES, type Locale, type Phase } from "../types.js";

export function phaseIndex(p: Phase): number {
  return PHASES.indexOf(p);
}

export function isLaterPhase(a: Phase, than: Phase): boolean {
  return phaseIndex(a) > phaseIndex(than);
}

/** The later of two phases. */
export function laterPhase(a: Phase, b: Phase): Phase {
  return isLaterPhase(b, a) ? b : a;
}

/** Phase after sending a canned reply tagged `tags`: stays if `current` is among the tags; otherwise the earliest tag later than current; otherwise current. */
export function phaseAfterCannedReply(current: Phase, tags: Phase[]): Phase {
  if (tags.includes(current)) return current;
  const later = tags.filter((tag) => isLaterPhase(tag, current));
  if (later.length === 0) return current;
  return later.reduce((earliest, tag) => (phaseIndex(tag) < phaseIndex(earliest) ? tag : earliest));
}

export const PHASE_LABELS: Record<Locale, Record<Phase, string>> = {
  nl: { opening: "Opening", question: "Vraag", response: "Reactie", action: "Actie", closing: "Afsluiting" },
  en: { opening: "Opening", question: "Question", response: "Response", action: "Action", closing: "Closing" },
};

export const PHASE_GUIDANCE: Record<Locale, Record<Phase, string>> = {
  nl: {
    opening: "Begroet de klant, stel uzelf voor en vraag waarmee u kunt helpen.",
    question: "Vraag door tot de vraag helder is. Vat haar daarna samen en laat de klant bevestigen.",
    response: "Geef een kort en concreet antwoord. Verwijs gerust naar informatie op de website.",
    action: "Doe wat u hebt beloofd. Kan het niet meteen, noem dan wanneer de klant een antwoord krijgt.",
    closing:
      "Vraag of de vraag is opgelost en of er nog vragen zijn. Sluit kort en vriendelijk af en wacht tot de klant weggaat.",
  },
  en: {
    opening: "Greet the customer, introduce yourself and ask how you can help.",
    question: "Ask until the question is clear. Then summarise it and let the customer confirm.",
    response: "Give a short, concrete answer. Feel free to point to information on the website.",
    action: "Do what you promised. If it cannot be done now, say when the customer will hear back.",
    closing:
      "Ask whether the question is resolved and whether there is anything else. Say a short, friendly goodbye and wait for the customer to leave.",
  },
};

import type { Checklist, ChecklistItem, Locale } from "../types.js";

/** The items the operator ticks off; `visitor_left` is the server's to check. */
export const OPERATOR_CHECKLIST_ITEMS = ["asked_resolved", "asked_more_questions", "said_goodbye"] as const;

export function emptyChecklist(): Checklist {
  return { asked_resolved: false, asked_more_questions: false, said_goodbye: false, visitor_left: false };
}

export function closingChecklistComplete(c: Checklist): boolean {
  return OPERATOR_CHECKLIST_ITEMS.every((item) => c[item]);
}

export const CHECKLIST_LABELS: Record<Locale, Record<ChecklistItem, string>> = {
  nl: {
    asked_resolved: "Gevraagd of de vraag is opgelost",
    asked_more_questions: "Gevraagd of er nog vragen zijn",
    said_goodbye: "Vriendelijk afgesloten",
    visitor_left: "Klant heeft de chat verlaten",
  },
  en: {
    asked_resolved: "Asked whether the question is resolved",
    asked_more_questions: "Asked whether there are more questions",
    said_goodbye: "Said goodbye",
    visitor_left: "Customer has left the chat",
  },
};

import { describe, expect, it } from "vitest";
import { etiquetteHints, HINT_MESSAGES, type HintCode, type HintContext } from "@live-chat/protocol";

const midChat: HintContext = {
  locale: "nl",
  phase: "response",
  formal: true,
  visitorName: "Piet Jansen",
  operatorTextsSent: 3,
  nameUsedBefore: true,
};
const firstMessage: HintContext = { ...midChat, phase: "opening", operatorTextsSent: 0, nameUsedBefore: false };

function codes(draft: string, ctx: HintContext = midChat): HintCode[] {
  return etiquetteHints(draft, ctx).map((hint) => hint.code);
}

describe("etiquette hints are quiet for a polite draft", () => {
  it.each([
    ["{greeting}, ik ben Sanne. Waarmee kan ik u helpen?", firstMessage],
    ["Goedemorgen, ik ben Sanne. Waarmee kan ik u helpen?", firstMessage],
    ["Good afternoon, I'm Sanne. How can I help you?", { ...firstMessage, locale: "en" }],
    ["Dank u wel voor uw geduld. Uw nieuwe pas is vandaag verstuurd.", midChat],
    ["Mag ik u even laten wachten? Een moment, dan kijk ik het na.", midChat],
    ["Uw IBAN staat als NL91ABNA0417164300 bij ons bekend, met KVK BTW gegevens.", midChat],
    ["Fijn dat het gelukt is!", midChat],
    ["Op dit moment is de storing verholpen.", midChat],
  ] as const)("%j raises nothing", (draft, ctx) => {
    expect(codes(draft, ctx)).toEqual([]);
  });

  it("asks for a greeting in the first message of the opening", () => {
    expect(codes("Waarmee kan ik u helpen?", firstMessage)).toEqual(["no_greeting"]);
    expect(codes("Waarmee kan ik u helpen?", { ...firstMessage, operatorTextsSent: 1 })).toEqual([]);
  });

  it("suggests using the visitor's name after a few messages", () => {
    const nameNotYetUsed = { ...midChat, nameUsedBefore: false };
    expect(codes("Dat zoek ik voor u uit.", nameNotYetUsed)).toEqual(["name_not_used"]);
    expect(codes("Dat zoek ik voor u uit, meneer Jansen.", nameNotYetUsed)).toEqual([]);
    expect(codes("Dank u wel, {visitor.name}.", nameNotYetUsed)).toEqual([]);
    expect(codes("Dat zoek ik voor u uit.", { ...nameNotYetUsed, operatorTextsSent: 1 })).toEqual([]);
    expect(codes("Dat zoek ik voor u uit.", { ...nameNotYetUsed, visitorName: null })).toEqual([]);
  });

  it("spots shouting but not a lone acronym", () => {
    expect(codes("DAT KAN NIET, sorry.")).toContain("all_caps");
    expect(codes("HEEL BELANGRIJK: bewaar uw bon.")).toContain("all_caps");
    expect(codes("U ontvangt de PDF per mail.")).not.toContain("all_caps");
  });

  it("spots several exclamation marks", () => {
    expect(codes("Gelukt!!")).toEqual(["many_exclamations"]);
    expect(codes("Gelukt! Fijn!")).toEqual(["many_exclamations"]);
  });

  it("flags emoji and smileys only in a formal chat", () => {
    expect(codes("Graag gedaan 😊")).toEqual(["emoji_formal"]);
    expect(codes("Graag gedaan :)")).toEqual(["emoji_formal"]);
    expect(codes("Graag gedaan 😊", { ...midChat, formal: false })).toEqual([]);
  });

  it("suggests splitting a very long message", () => {
    const long = "Uw bestelling is vandaag met de post verstuurd en komt naar verwachting morgen aan. ".repeat(4);
    expect(long.length).toBeGreaterThan(300);
    expect(codes(long)).toEqual(["too_long"]);
  });

  it("reminds the operator when the visitor has waited over a minute", () => {
    expect(codes("", { ...midChat, visitorWaitingSeconds: 61 })).toEqual(["visitor_waiting"]);
    expect(codes("", { ...midChat, visitorWaitingSeconds: 60 })).toEqual([]);
  });

  it("catches putting someone on hold without asking first", () => {
    expect(codes("Een moment, ik kijk het na.")).toEqual(["hold_without_asking"]);
    expect(codes("Momentje alstublieft.")).toEqual(["hold_without_asking"]);
    expect(codes("Hold on, let me check.", { ...midChat, locale: "en" })).toEqual(["hold_without_asking"]);
    expect(codes("Een moment, ik kijk het na.", { ...midChat, askedToHold: true })).toEqual([]);
    expect(codes("Is it okay if you wait a moment? One moment, I'll check.", { ...midChat, locale: "en" })).toEqual([]);
  });

  it("catches passing the blame", () => {
    expect(codes("Mijn collega heeft een fout gemaakt.")).toEqual(["blame"]);
    expect(codes("Dat is niet mijn afdeling.")).toEqual(["blame"]);
    expect(codes("Sorry, that's not my department.", { ...midChat, locale: "en" })).toEqual(["blame"]);
  });

  it("explains every hint in the operator's language", () => {
    const hints = etiquetteHints("Een moment!!", { ...midChat, locale: "en" });
    expect(hints).toEqual([
      { code: "many_exclamations", message: HINT_MESSAGES.en.many_exclamations },
      { code: "hold_without_asking", message: HINT_MESSAGES.en.hold_without_asking },
    ]);
    for (const locale of ["nl", "en"] as const) {
      for (const message of Object.values(HINT_MESSAGES[locale])) expect(message.length).toBeGreaterThan(10);
    }
    expect(HINT_MESSAGES.nl.blame).not.toBe(HINT_MESSAGES.en.blame);
  });
});

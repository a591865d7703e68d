import { describe, expect, it } from "vitest";
import { clarifyDraft, summaryDraft } from "@live-chat/protocol";

describe("clarify asks what the visitor means by the selected words", () => {
  it("quotes the selection in the chat's language", () => {
    expect(clarifyDraft("kapot", "nl")).toBe('Wat bedoelt u precies met "kapot"?');
    expect(clarifyDraft("broken", "en")).toBe('What exactly do you mean by "broken"?');
  });

  it("tidies a sloppy selection", () => {
    expect(clarifyDraft('  "doet het niet meer."\n', "nl")).toBe('Wat bedoelt u precies met "doet het niet meer"?');
  });

  it("still asks when nothing was selected", () => {
    expect(clarifyDraft("  ", "nl")).toBe("Wat bedoelt u daar precies mee?");
    expect(clarifyDraft("", "en")).toBe("What exactly do you mean by that?");
  });
});

describe("summarise drafts something the operator can send with a light edit", () => {
  // Real opening messages from chats, as visitors type them: greetings, several messages, run-on text.
  const table: { locale: "nl" | "en"; visitor: string[]; draft: string }[] = [
    {
      locale: "en",
      visitor: ["hello, the espresso cups you got have a weird glaze, it is bubbly… is that normal?"],
      draft: "Do I understand correctly that the espresso cups you got have a weird glaze, it is bubbly?",
    },
    { locale: "en", visitor: ["Hi there, can you tell me when my order will arrive?"], draft: "Do I understand correctly that you would like to know when your order will arrive?" },
    { locale: "en", visitor: ["Good morning! I can't log in to my account since yesterday."], draft: "Do I understand correctly that you can't log in to your account since yesterday?" },
    { locale: "en", visitor: ["hey", "quick question", "Do you ship to Belgium?"], draft: "Do I understand correctly that you would like to know: do you ship to Belgium?" },
    { locale: "en", visitor: ["I'm unable to log in to my account!"], draft: "Do I understand correctly that you're unable to log in to your account?" },
    { locale: "en", visitor: ["There is a crack in my teapot. It arrived like that."], draft: "Do I understand correctly that there is a crack in your teapot?" },
    { locale: "nl", visitor: ["Ik wil mijn abonnement opzeggen."], draft: "Begrijp ik het goed dat u wilt uw abonnement opzeggen?" },
    { locale: "nl", visitor: ["Hallo!", "Mijn pakket is niet aangekomen. Het is al een week onderweg"], draft: "Begrijp ik het goed dat uw pakket is niet aangekomen?" },
    { locale: "nl", visitor: ["Goedemiddag, ik heb een vraag.", "Kunt u mij vertellen waar mijn bestelling blijft?"], draft: "Begrijp ik het goed dat u wilt weten waar uw bestelling blijft?" },
    { locale: "nl", visitor: ["Hoi, waar kan ik mijn factuur vinden?"], draft: "Begrijp ik het goed dat u wilt weten: waar kunt u uw factuur vinden?" },
    { locale: "nl", visitor: ["Beste klantenservice, ik ben mijn wachtwoord vergeten"], draft: "Begrijp ik het goed dat u bent uw wachtwoord vergeten?" },
    { locale: "nl", visitor: ["goedemorgen", "Ik vroeg me af of ik mijn bestelling nog kan wijzigen"], draft: "Begrijp ik het goed dat u wilt weten of u uw bestelling nog kan wijzigen?" },
    { locale: "nl", visitor: ["IBAN is niet goed"], draft: "Begrijp ik het goed dat IBAN is niet goed?" },
  ];

  it.each(table)("$locale: $visitor", ({ locale, visitor, draft }) => {
    expect(summaryDraft(visitor, locale)).toBe(draft);
  });

  it("uses the operator's selection when there is one", () => {
    const visitor = ["Hallo, de kopjes die ik kreeg hebben een rare glazuur. Het bubbelt."];
    expect(summaryDraft(visitor, "nl", "het glazuur van mijn kopjes bubbelt")).toBe("Begrijp ik het goed dat het glazuur van uw kopjes bubbelt?");
    expect(summaryDraft(["hi"], "en", "  my refund never came.\n")).toBe("Do I understand correctly that your refund never came?");
  });

  it("leaves room to write when there is no question yet", () => {
    expect(summaryDraft("", "nl")).toBe("Begrijp ik het goed dat …?");
    expect(summaryDraft(["Hallo!", "Goedemiddag"], "nl")).toBe("Begrijp ik het goed dat …?");
    expect(summaryDraft("  ", "en")).toBe("Do I understand correctly that …?");
  });
});

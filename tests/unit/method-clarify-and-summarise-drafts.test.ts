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

describe("summarise drafts a check of the visitor's question", () => {
  it("turns the visitor's words into the operator's question", () => {
    expect(summaryDraft("Ik wil mijn abonnement opzeggen.", "nl")).toBe(
      "Begrijp ik het goed dat u wil uw abonnement opzeggen?",
    );
    expect(summaryDraft("I'm unable to log in to my account!", "en")).toBe(
      "Do I understand correctly that you're unable to log in to your account?",
    );
  });

  it("joins a question spread over several messages", () => {
    expect(summaryDraft("Mijn pakket is niet aangekomen.\nHet is al een week onderweg", "nl")).toBe(
      "Begrijp ik het goed dat uw pakket is niet aangekomen, het is al een week onderweg?",
    );
  });

  it("keeps an acronym at the start in capitals", () => {
    expect(summaryDraft("IBAN is niet goed", "nl")).toBe("Begrijp ik het goed dat IBAN is niet goed?");
  });

  it("leaves room to write when there is no question yet", () => {
    expect(summaryDraft("", "nl")).toBe("Begrijp ik het goed dat …?");
    expect(summaryDraft("  ", "en")).toBe("Do I understand correctly that …?");
  });
});

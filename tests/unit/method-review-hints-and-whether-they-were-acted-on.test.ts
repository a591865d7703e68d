// The etiquette hints the operator's sent messages drew, and whether the next message made them good.
import { describe, expect, it } from "vitest";
import { reviewChat } from "@live-chat/protocol";
import { ChatBuilder } from "./method-review-support.js";

const codes = (chat: ChatBuilder) => reviewChat(chat.build()).hints.map(({ code, actedOn }) => ({ code, actedOn }));

describe("hints in the method review", () => {
  it("draws no hint for a polite chat", () => {
    const chat = new ChatBuilder().assigned().after(2).operator("Good morning Rob, I am Eva.").after(5).operator("How can I help you, Rob?");
    expect(codes(chat)).toEqual([]);
  });

  it("a missing greeting made good in the next message counts as acted on", () => {
    const chat = new ChatBuilder().assigned().after(2).operator("What is your order number?").after(5).operator("Sorry, good morning! I am Eva.");
    expect(codes(chat)).toEqual([{ code: "no_greeting", actedOn: true }]);
    expect(reviewChat(chat.build()).greeted).toBe(false);
  });

  it("shouting twice in a row is a hint not acted on", () => {
    const chat = new ChatBuilder().assigned().after(2).operator("Hello Rob, I am Eva.").after(5).operator("PLEASE READ THE MANUAL").after(5).operator("THE MANUAL IS ONLINE");
    expect(codes(chat)).toEqual([
      { code: "all_caps", actedOn: false },
      { code: "all_caps", actedOn: null },
    ]);
  });

  it("a visitor left waiting over a minute draws a hint, acted on when the next reply comes quickly", () => {
    const chat = new ChatBuilder()
      .assigned()
      .after(2).operator("Hello Rob, I am Eva.")
      .after(5).visitor("Can you check my invoice?")
      .after(90).operator("Your invoice was sent on Monday, Rob.")
      .after(5).visitor("Thanks")
      .after(10).operator("You're welcome, Rob.");
    expect(codes(chat)).toEqual([{ code: "visitor_waiting", actedOn: true }]);
  });

  it("putting someone on hold without asking draws a hint; having asked first does not", () => {
    const rude = new ChatBuilder().assigned().after(2).operator("Hello Rob, I am Eva.").after(5).operator("One moment please.");
    expect(codes(rude)).toEqual([{ code: "hold_without_asking", actedOn: null }]);
    const polite = new ChatBuilder().assigned().after(2).operator("Hello Rob, I am Eva.").after(5).operator("May I put you on hold for a moment?").after(5).operator("One moment please, Rob.");
    expect(codes(polite)).toEqual([]);
  });
});

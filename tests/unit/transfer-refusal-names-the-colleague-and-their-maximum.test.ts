// A transfer refused because the colleague is full says who, at how many, and the two ways on, in both languages.
import { describe, expect, it } from "vitest";
import { ERROR_MESSAGES, operatorAtCapacity } from "@live-chat/protocol";

describe("the at-capacity refusal", () => {
  it("names the colleague and their maximum in English and Dutch, with the values for clients that word it themselves", () => {
    expect(operatorAtCapacity("en", "Bram", 3)).toEqual({
      code: "OPERATOR_AT_CAPACITY",
      field: "toOperatorId",
      params: { name: "Bram", maxChats: 3 },
      message: "Bram is at their maximum of 3 chats. Hand the chat over anyway, or queue it for Bram: it goes to them as soon as a seat frees.",
    });
    expect(operatorAtCapacity("nl", "Bram", 3).message).toBe("Bram zit aan het maximum van 3 chats. Draag de chat toch over, of zet hem klaar voor Bram: hij gaat naar Bram zodra er plek vrijkomt.");
  });
  it("is not the old 'not available' text, which was not true for a colleague who is online", () => {
    for (const locale of ["en", "nl"] as const) expect(operatorAtCapacity(locale, "Bram", 3).message).not.toBe(ERROR_MESSAGES.OPERATOR_UNAVAILABLE[locale]);
  });
});

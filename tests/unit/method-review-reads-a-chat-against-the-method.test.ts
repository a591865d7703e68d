// The method review of one chat, built event by event: timings, the summary, the closing, transfers and promises.
import { describe, expect, it } from "vitest";
import { reviewChat } from "@live-chat/protocol";
import { ChatBuilder, OPERATOR } from "./method-review-support.js";

/** A chat that follows the method from greeting to the visitor leaving. */
function exemplaryChat(): ChatBuilder {
  return new ChatBuilder()
    .visitor("Where is my parcel?")
    .after(20).assigned()
    .after(8).operator("Good morning Rob, I am Eva. How can I help you?")
    .after(10).visitor("My parcel 123 did not arrive")
    .after(15).operator("So parcel 123 has not arrived yet, is that right?", { summary: true })
    .after(5).visitorConfirmsSummary("yes")
    .after(30).operator("It is at the depot, Rob; it will be delivered tomorrow.")
    .after(10).operator("Has that answered your question?", { movesTo: "closing" })
    .check("asked_resolved")
    .after(5).visitor("Yes thanks")
    .after(5).operator("Anything else I can do for you?")
    .check("asked_more_questions")
    .after(5).visitor("No")
    .after(5).operator("Have a nice day!")
    .check("said_goodbye")
    .after(10).event("visitor_left", { why: "ended" }, { type: "visitor" });
}

describe("the method review of a chat", () => {
  it("lists the phases with the time each began", () => {
    const review = reviewChat(exemplaryChat().build());
    expect(review.phases.map((p) => p.phase)).toEqual(["opening", "question", "response", "closing"]);
    expect(review.phases[0].at).toBe("2026-03-02T09:00:00.000Z");
    expect(review.phaseReached).toBe("closing");
  });

  it("times the greeting and the first answer from the moment the operator got the chat", () => {
    const review = reviewChat(exemplaryChat().build());
    expect(review.secondsToGreeting).toBe(8);
    expect(review.greeted).toBe(true);
    // greeting 8 s, question 10 s, summary 15 s, confirmation 5 s, answer 30 s later
    expect(review.secondsToFirstAnswer).toBe(68);
  });

  it("says the summary was confirmed before the answer", () => {
    const review = reviewChat(exemplaryChat().build());
    expect(review.summarised).toBe(true);
    expect(review.summaryConfirmed).toBe(true);
  });

  it("does not count a summary the visitor turned down", () => {
    const chat = new ChatBuilder()
      .assigned()
      .after(3).operator("Hello Rob, I am Eva.")
      .after(5).operator("So you want a refund?", { summary: true })
      .after(5).visitorConfirmsSummary("no");
    const review = reviewChat(chat.build());
    expect(review.summarised).toBe(true);
    expect(review.summaryConfirmed).toBe(false);
  });

  it("does not count a summary confirmed only after the operator had already answered", () => {
    const chat = new ChatBuilder()
      .assigned()
      .after(3).operator("Hello Rob, I am Eva.")
      .after(5).operator("You can find it under Orders.", { movesTo: "response" })
      .after(5).operator("So you were looking for your orders?", { summary: true })
      .after(5).visitorConfirmsSummary("yes");
    expect(reviewChat(chat.build()).summaryConfirmed).toBe(false);
  });

  it("shows the complete closing checklist and that the operator waited for the visitor to leave", () => {
    const review = reviewChat(exemplaryChat().build());
    expect(review.checklist).toEqual({ asked_resolved: true, asked_more_questions: true, said_goodbye: true, visitor_left: true });
    expect(review.checklistComplete).toBe(true);
    expect(review.waitedForVisitor).toBe(true);
  });

  it("says the operator did not wait when they closed the chat before the visitor left", () => {
    const chat = new ChatBuilder().assigned().after(2).operator("Hello, I am Eva.").after(60).event("closed", { reason: "idle" }).after(5).event("visitor_left", { why: "timeout" }, { type: "visitor" });
    const review = reviewChat(chat.build());
    expect(review.waitedForVisitor).toBe(false);
    expect(review.checklistComplete).toBe(false);
  });

  it("forgets closing steps that were undone when the closing started over", () => {
    const chat = new ChatBuilder().assigned().after(2).operator("Hello, I am Eva.").check("asked_resolved").event("checklist_cleared").check("said_goodbye");
    expect(reviewChat(chat.build()).checklist).toEqual({ asked_resolved: false, asked_more_questions: false, said_goodbye: true, visitor_left: false });
  });

  it("flags every transfer after the first as a repeat", () => {
    const chat = new ChatBuilder()
      .assigned()
      .event("transferred", { to: "op-twan", note: "billing" })
      .event("transferred", { to: "op-anna", note: null }, { type: "operator", id: "op-twan" });
    const review = reviewChat(chat.build());
    expect(review.transfers).toEqual([
      { at: expect.any(String), fromOperatorId: OPERATOR, toOperatorId: "op-twan", note: "billing", repeat: false },
      { at: expect.any(String), fromOperatorId: "op-twan", toOperatorId: "op-anna", repeat: true },
    ]);
    expect(review.repeatTransfers).toBe(1);
  });

  it("tells promises kept on time from kept late, still open and overdue", () => {
    const chat = new ChatBuilder().assigned().promise(3600, 1800).promise(3600, 7200).promise(7200, null).promise(60, null).after(600);
    const review = reviewChat(chat.build(), chat.now);
    expect(review.followUps.map((f) => f.outcome)).toEqual(["kept_on_time", "kept_late", "open", "overdue"]);
  });

  it("has no greeting time while the operator has not written", () => {
    const review = reviewChat(new ChatBuilder().visitor("Hi?").after(10).assigned().build());
    expect(review.secondsToGreeting).toBeUndefined();
    expect(review.secondsToFirstAnswer).toBeUndefined();
    expect(review.greeted).toBe(false);
    expect(review.hints).toEqual([]);
  });
});

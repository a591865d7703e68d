import { describe, expect, it } from "vitest";
import {
  applyMethodEvent,
  applyMethodEvents,
  closingChecklistComplete,
  emptyChecklist,
  type ChecklistItem,
  type MethodEvent,
  type MethodState,
} from "@live-chat/protocol";

function answeredChat(overrides: Partial<MethodState> = {}): MethodState {
  return { phase: "response", phaseReached: "response", status: "active", checklist: emptyChecklist(), pendingQuestion: null, ...overrides };
}

function sendClosing(item: ChecklistItem): MethodEvent {
  return { type: "operator_message", kind: "text", cannedReply: { phases: ["closing"], checklistItem: item } };
}

const visitorSays = (body: string): MethodEvent => ({ type: "visitor_message", body, locale: "nl" });

/** Everything the operator can do: asked whether it is resolved, asked for more questions, said goodbye. */
const operatorDone: MethodEvent[] = [
  sendClosing("asked_resolved"),
  visitorSays("Ja, helemaal, dank u"),
  sendClosing("asked_more_questions"),
  visitorSays("Nee, dat was het"),
  sendClosing("said_goodbye"),
];

describe("the closing checklist waits for the visitor to leave", () => {
  it("starts empty and is complete only with the three operator steps", () => {
    expect(Object.values(emptyChecklist()).every((checked) => !checked)).toBe(true);
    expect(closingChecklistComplete({ ...emptyChecklist(), asked_resolved: true, asked_more_questions: true })).toBe(false);
    expect(
      closingChecklistComplete({ ...emptyChecklist(), asked_resolved: true, asked_more_questions: true, said_goodbye: true }),
    ).toBe(true);
  });

  it("asking whether the question is resolved moves to closing and checks that step", () => {
    const { state, changes } = applyMethodEvent(answeredChat(), sendClosing("asked_resolved"));
    expect(state.phase).toBe("closing");
    expect(state.checklist.asked_resolved).toBe(true);
    expect(state.pendingQuestion).toBe("asked_resolved");
    expect(changes).toEqual([
      { type: "phase_changed", from: "response", to: "closing" },
      { type: "checklist_checked", item: "asked_resolved" },
    ]);
  });

  it("waits for the customer to leave once the operator has done all three", () => {
    const { state, changes } = applyMethodEvents(answeredChat(), operatorDone);
    expect(state.status).toBe("wrapping_up");
    expect(state.checklist.visitor_left).toBe(false);
    expect(changes.filter((change) => change.type === "status_changed")).toEqual([
      { type: "status_changed", from: "active", to: "wrapping_up" },
    ]);
  });

  it("closes only when the visitor leaves", () => {
    const waiting = applyMethodEvents(answeredChat(), operatorDone).state;
    expect(applyMethodEvent(waiting, visitorSays("Fijne dag!")).state.status).toBe("wrapping_up");
    const { state, changes } = applyMethodEvent(waiting, { type: "visitor_left" });
    expect(state.status).toBe("closed");
    expect(state.checklist.visitor_left).toBe(true);
    expect(changes).toEqual([
      { type: "checklist_checked", item: "visitor_left" },
      { type: "status_changed", from: "wrapping_up", to: "closed" },
    ]);
  });

  it("lets only the server check that the visitor left", () => {
    const waiting = applyMethodEvents(answeredChat(), operatorDone).state;
    expect(applyMethodEvent(waiting, { type: "checklist_check", item: "visitor_left", by: "operator" })).toEqual({
      state: waiting,
      changes: [],
    });
    expect(applyMethodEvent(waiting, { type: "checklist_check", item: "visitor_left", by: "server" }).state.status).toBe("closed");
  });

  it("keeps a conversation open when the visitor leaves before the operator has finished", () => {
    const { state } = applyMethodEvents(answeredChat(), [sendClosing("asked_resolved"), { type: "visitor_left" }]);
    expect(state.status).toBe("active");
    expect(state.checklist.visitor_left).toBe(true);
  });

  it("lets the operator tick the steps by hand, which also starts the closing", () => {
    const { state } = applyMethodEvents(answeredChat(), [
      { type: "checklist_check", item: "asked_resolved", by: "operator" },
      { type: "checklist_check", item: "asked_more_questions", by: "operator" },
      { type: "checklist_check", item: "said_goodbye", by: "operator" },
    ]);
    expect(state.phase).toBe("closing");
    expect(state.status).toBe("wrapping_up");
    expect(state.pendingQuestion).toBeNull();
  });

  it("goes back to the answer when the question turns out not to be resolved", () => {
    const { state, changes } = applyMethodEvents(answeredChat(), [sendClosing("asked_resolved"), visitorSays("Nee, het werkt nog steeds niet")]);
    expect(state.phase).toBe("response");
    expect(state.checklist.asked_resolved).toBe(false);
    expect(state.pendingQuestion).toBeNull();
    expect(changes).toContainEqual({ type: "checklist_cleared" });
  });

  it("carries on with the closing when the question is resolved", () => {
    const { state } = applyMethodEvents(answeredChat(), [sendClosing("asked_resolved"), visitorSays("Ja hoor, top!")]);
    expect(state.phase).toBe("closing");
    expect(state.checklist.asked_resolved).toBe(true);
    expect(state.pendingQuestion).toBeNull();
  });

  it("starts over at question, checklist cleared, when the visitor has another question", () => {
    const waiting = applyMethodEvents(answeredChat(), [
      sendClosing("asked_resolved"),
      visitorSays("Ja"),
      sendClosing("asked_more_questions"),
    ]).state;
    const { state, changes } = applyMethodEvent(waiting, visitorSays("Ja, ik heb nog een vraag"));
    expect(state.phase).toBe("question");
    expect(state.status).toBe("active");
    expect(state.checklist).toEqual(emptyChecklist());
    expect(changes).toEqual([
      { type: "phase_changed", from: "closing", to: "question" },
      { type: "checklist_cleared" },
    ]);
  });

  it("counts a new question as a yes to 'any more questions?'", () => {
    const waiting = applyMethodEvents(answeredChat(), [sendClosing("asked_more_questions")]).state;
    const { state } = applyMethodEvent(waiting, visitorSays("Hoe wijzig ik mijn adres?"));
    expect(state.phase).toBe("question");
  });

  it("takes a conversation that was already waiting back to active for another question", () => {
    const waiting = applyMethodEvents(answeredChat(), [
      sendClosing("said_goodbye"),
      sendClosing("asked_resolved"),
      visitorSays("Ja"),
      sendClosing("asked_more_questions"),
    ]).state;
    expect(waiting.status).toBe("wrapping_up");
    const { state, changes } = applyMethodEvent(waiting, visitorSays("Yes, one more thing"));
    expect(state.status).toBe("active");
    expect(changes).toContainEqual({ type: "status_changed", from: "wrapping_up", to: "active" });
  });

  it("keeps the closing when there are no more questions", () => {
    const { state } = applyMethodEvents(answeredChat(), [sendClosing("asked_more_questions"), visitorSays("Nee, dank u wel")]);
    expect(state.phase).toBe("closing");
    expect(state.checklist.asked_more_questions).toBe(true);
    expect(state.pendingQuestion).toBeNull();
  });

  it("clears the closing when the operator moves back out of it by hand", () => {
    const waiting = applyMethodEvents(answeredChat(), operatorDone).state;
    const { state, changes } = applyMethodEvent(waiting, { type: "phase_set", phase: "action" });
    expect(state.checklist).toEqual(emptyChecklist());
    expect(state.status).toBe("active");
    expect(changes).toEqual([
      { type: "phase_changed", from: "closing", to: "action" },
      { type: "checklist_cleared" },
      { type: "status_changed", from: "wrapping_up", to: "active" },
    ]);
  });

  it("closes at once when the operator finishes after the visitor has already gone", () => {
    const { state } = applyMethodEvents(answeredChat(), [
      sendClosing("asked_resolved"),
      sendClosing("asked_more_questions"),
      { type: "visitor_left" },
      sendClosing("said_goodbye"),
    ]);
    expect(state.status).toBe("closed");
  });
});

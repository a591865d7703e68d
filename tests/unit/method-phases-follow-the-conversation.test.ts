import { describe, expect, it } from "vitest";
import {
  applyMethodEvent,
  applyMethodEvents,
  emptyChecklist,
  phaseAfterCannedReply,
  type MethodEvent,
  type MethodState,
} from "@live-chat/protocol";

function activeChat(overrides: Partial<MethodState> = {}): MethodState {
  return { phase: "opening", phaseReached: "opening", status: "active", checklist: emptyChecklist(), pendingQuestion: null, ...overrides };
}

const text: MethodEvent = { type: "operator_message", kind: "text" };

describe("the phase follows the conversation", () => {
  it("moves from opening to question once the operator has greeted", () => {
    const { state, changes } = applyMethodEvent(activeChat(), {
      type: "operator_message",
      kind: "text",
      cannedReply: { phases: ["opening"] },
    });
    expect(state.phase).toBe("question");
    expect(changes).toEqual([{ type: "phase_changed", from: "opening", to: "question" }]);
  });

  it("moves on to a later phase a canned reply is tagged with", () => {
    const { state } = applyMethodEvent(activeChat({ phase: "question", phaseReached: "question" }), {
      type: "operator_message",
      kind: "text",
      cannedReply: { phases: ["response", "action"] },
    });
    expect(state.phase).toBe("response");
  });

  it("lets a reply tagged further than question carry a first message past question", () => {
    const { state } = applyMethodEvent(activeChat(), {
      type: "operator_message",
      kind: "text",
      cannedReply: { phases: ["action"] },
    });
    expect(state.phase).toBe("action");
  });

  it("stays put when the reply belongs to the current phase or an earlier one", () => {
    expect(phaseAfterCannedReply("action", ["response", "action"])).toBe("action");
    expect(phaseAfterCannedReply("action", ["question"])).toBe("action");
    expect(phaseAfterCannedReply("question", ["closing", "action"])).toBe("action");
    const chat = activeChat({ phase: "action", phaseReached: "action" });
    const { state, changes } = applyMethodEvent(chat, { type: "operator_message", kind: "text", cannedReply: { phases: ["question"] } });
    expect(state).toBe(chat);
    expect(changes).toEqual([]);
  });

  it("ignores internal notes completely", () => {
    const chat = activeChat();
    const { state, changes } = applyMethodEvent(chat, {
      type: "operator_message",
      kind: "note",
      cannedReply: { phases: ["closing"], checklistItem: "asked_resolved" },
      summary: true,
    });
    expect(state).toBe(chat);
    expect(changes).toEqual([]);
  });

  it("moves to response when the visitor confirms the summary, and records the answer", () => {
    const { state, changes } = applyMethodEvents(activeChat(), [
      text,
      { type: "visitor_message", body: "Mijn pakket is niet aangekomen", locale: "nl" },
      { type: "operator_message", kind: "text", summary: true },
      { type: "visitor_message", body: "Ja, dat klopt.", locale: "nl" },
    ]);
    expect(state.phase).toBe("response");
    expect(state.pendingQuestion).toBeNull();
    expect(changes).toContainEqual({ type: "summary_answered", answer: "yes" });
    expect(changes).toContainEqual({ type: "phase_changed", from: "question", to: "response" });
  });

  it("keeps asking in question when the visitor says the summary is wrong", () => {
    const { state, changes } = applyMethodEvents(activeChat(), [
      text,
      { type: "operator_message", kind: "text", summary: true },
      { type: "visitor_message", body: "Nee, niet helemaal", locale: "nl" },
    ]);
    expect(state.phase).toBe("question");
    expect(state.pendingQuestion).toBeNull();
    expect(changes).toContainEqual({ type: "summary_answered", answer: "no" });
  });

  it("leaves the summary waiting when the reply is neither yes nor no", () => {
    const { state, changes } = applyMethodEvents(activeChat(), [
      text,
      { type: "operator_message", kind: "text", summary: true },
      { type: "visitor_message", body: "Het gaat om mijn bestelling van vorige week", locale: "nl" },
    ]);
    expect(state.pendingQuestion).toBe("summary");
    expect(state.phase).toBe("question");
    expect(changes).toEqual([{ type: "phase_changed", from: "opening", to: "question" }]);
  });

  it("treats the widget's yes and no buttons as an answer to the summary", () => {
    const asked = applyMethodEvents(activeChat(), [text, { type: "operator_message", kind: "text", summary: true }]).state;
    expect(applyMethodEvent(asked, { type: "summary_answer", answer: "yes" }).state.phase).toBe("response");
    const { state, changes } = applyMethodEvent(asked, { type: "summary_answer", answer: "no" });
    expect(state.phase).toBe("question");
    expect(changes).toEqual([{ type: "summary_answered", answer: "no" }]);
  });

  it("ignores a summary button when no summary is waiting", () => {
    const chat = activeChat({ phase: "question", phaseReached: "question" });
    expect(applyMethodEvent(chat, { type: "summary_answer", answer: "yes" })).toEqual({ state: chat, changes: [] });
  });

  it("lets the operator move the phase by hand, backwards too", () => {
    const chat = activeChat({ phase: "action", phaseReached: "action" });
    const { state, changes } = applyMethodEvent(chat, { type: "phase_set", phase: "question" });
    expect(state.phase).toBe("question");
    expect(changes).toEqual([{ type: "phase_changed", from: "action", to: "question" }]);
  });

  it("remembers the furthest phase reached for the reports", () => {
    const { state } = applyMethodEvents(activeChat(), [
      { type: "phase_set", phase: "action" },
      { type: "phase_set", phase: "question" },
    ]);
    expect(state.phase).toBe("question");
    expect(state.phaseReached).toBe("action");
  });

  it("does not change a closed conversation", () => {
    const chat = activeChat({ status: "closed", phase: "closing", phaseReached: "closing" });
    for (const event of [text, { type: "phase_set", phase: "question" }, { type: "visitor_left" }] as MethodEvent[]) {
      expect(applyMethodEvent(chat, event)).toEqual({ state: chat, changes: [] });
    }
  });

  it("lets nothing but the visitor touch a queued conversation", () => {
    const queued = activeChat({ status: "queued" });
    expect(applyMethodEvent(queued, text)).toEqual({ state: queued, changes: [] });
    expect(applyMethodEvent(queued, { type: "phase_set", phase: "action" })).toEqual({ state: queued, changes: [] });
    expect(applyMethodEvent(queued, { type: "visitor_left" }).state.checklist.visitor_left).toBe(true);
  });

  it("never changes the state it was given", () => {
    const chat = activeChat();
    const copy = structuredClone(chat);
    applyMethodEvent(chat, { type: "operator_message", kind: "text", cannedReply: { phases: ["closing"], checklistItem: "asked_resolved" } });
    expect(chat).toEqual(copy);
  });
});

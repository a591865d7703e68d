import type { Checklist, ChecklistItem, Locale, Phase, Status } from "../types.js";
import { classifyYesNo } from "./answers.js";
import { closingChecklistComplete, OPERATOR_CHECKLIST_ITEMS } from "./checklist.js";
import { isLaterPhase, laterPhase, phaseAfterCannedReply } from "./phases.js";

export type PendingQuestion = "summary" | "asked_resolved" | "asked_more_questions";

export interface MethodState {
  phase: Phase;
  phaseReached: Phase;
  status: Status;
  checklist: Checklist;
  pendingQuestion: PendingQuestion | null;
}

export type MethodEvent =
  | {
      type: "operator_message";
      kind: "text" | "note";
      cannedReply?: { phases: Phase[]; checklistItem?: ChecklistItem };
      summary?: boolean;
    }
  | { type: "visitor_message"; body: string; locale: Locale }
  | { type: "summary_answer"; answer: "yes" | "no" }
  | { type: "phase_set"; phase: Phase }
  | { type: "checklist_check"; item: ChecklistItem; by: "operator" | "server" }
  | { type: "visitor_left" };

export type MethodChange =
  | { type: "phase_changed"; from: Phase; to: Phase }
  | { type: "checklist_checked"; item: ChecklistItem }
  | { type: "checklist_cleared" }
  | { type: "status_changed"; from: Status; to: Status }
  | { type: "summary_answered"; answer: "yes" | "no" };

/** A working copy of the state that records every change it makes, so the rules below read as steps. */
class Step {
  readonly changes: MethodChange[] = [];
  private dirty = false;

  constructor(public state: MethodState) {}

  private update(patch: Partial<MethodState>): void {
    this.state = { ...this.state, ...patch };
    this.dirty = true;
  }

  moveTo(phase: Phase): void {
    const from = this.state.phase;
    if (phase === from) return;
    this.update({ phase, phaseReached: laterPhase(this.state.phaseReached, phase) });
    this.changes.push({ type: "phase_changed", from, to: phase });
    // Leaving the closing means the customer still needs help: the closing starts over later.
    if (from === "closing") this.reopen();
  }

  check(item: ChecklistItem): void {
    if (this.state.checklist[item]) return;
    this.update({ checklist: { ...this.state.checklist, [item]: true } });
    this.changes.push({ type: "checklist_checked", item });
  }

  /** Clears the operator's closing items and takes a waiting conversation back to active. */
  reopen(): void {
    if (OPERATOR_CHECKLIST_ITEMS.some((item) => this.state.checklist[item])) {
      const checklist = { ...this.state.checklist };
      for (const item of OPERATOR_CHECKLIST_ITEMS) checklist[item] = false;
      this.update({ checklist });
      this.changes.push({ type: "checklist_cleared" });
    }
    if (this.state.status === "wrapping_up") this.setStatus("active");
  }

  setStatus(to: Status): void {
    const from = this.state.status;
    if (to === from) return;
    this.update({ status: to });
    this.changes.push({ type: "status_changed", from, to });
  }

  ask(question: PendingQuestion | null): void {
    if (this.state.pendingQuestion !== question) this.update({ pendingQuestion: question });
  }

  recordSummaryAnswer(answer: "yes" | "no"): void {
    this.changes.push({ type: "summary_answered", answer });
  }

  /** Wrapping up once the operator has done their part; closed once the visitor has gone too. */
  settleStatus(): void {
    const { status, checklist } = this.state;
    if (status === "active" && closingChecklistComplete(checklist)) this.setStatus("wrapping_up");
    if (this.state.status === "wrapping_up" && checklist.visitor_left) this.setStatus("closed");
  }

  result(original: MethodState): { state: MethodState; changes: MethodChange[] } {
    return { state: this.dirty ? this.state : original, changes: this.changes };
  }
}

function operatorMessage(step: Step, event: Extract<MethodEvent, { type: "operator_message" }>): void {
  if (event.kind === "note") return;
  const { phase } = step.state;
  // Any first text in the opening is the greeting; the conversation now waits for the question.
  let next: Phase = phase === "opening" ? "question" : phase;
  if (event.cannedReply) next = laterPhase(next, phaseAfterCannedReply(phase, event.cannedReply.phases));
  step.moveTo(next);

  const item = event.cannedReply?.checklistItem;
  if (item && item !== "visitor_left") checkClosingItem(step, item);
  if (item === "asked_resolved") step.ask("asked_resolved");
  if (item === "asked_more_questions") step.ask("asked_more_questions");
  if (event.summary) step.ask("summary");
  step.settleStatus();
}

/** The closing checklist belongs to the closing: ticking an item means the closing has begun. */
function checkClosingItem(step: Step, item: ChecklistItem): void {
  step.moveTo(laterPhase(step.state.phase, "closing"));
  step.check(item);
}

function answerPending(step: Step, answer: "yes" | "no"): void {
  const pending = step.state.pendingQuestion;
  step.ask(null);
  if (pending === "summary") {
    step.recordSummaryAnswer(answer);
    // A confirmed summary means the question is understood; a "no" means asking on.
    if (answer === "yes" && !isLaterPhase(step.state.phase, "response")) step.moveTo("response");
    if (answer === "no") step.moveTo("question");
  } else if (pending === "asked_resolved" && answer === "no") {
    step.moveTo("response");
    step.reopen();
  } else if (pending === "asked_more_questions" && answer === "yes") {
    step.moveTo("question");
    step.reopen();
  }
}

function visitorMessage(step: Step, event: Extract<MethodEvent, { type: "visitor_message" }>): void {
  const pending = step.state.pendingQuestion;
  if (pending === null) return;
  let answer = classifyYesNo(event.body, event.locale);
  // Answering "any more questions?" with a new question is a yes.
  if (answer === null && pending === "asked_more_questions" && event.body.includes("?")) answer = "yes";
  if (answer !== null) answerPending(step, answer);
}

function checklistCheck(step: Step, event: Extract<MethodEvent, { type: "checklist_check" }>): void {
  if (event.item === "visitor_left") {
    if (event.by === "server") visitorLeft(step);
    return;
  }
  checkClosingItem(step, event.item);
  step.settleStatus();
}

function visitorLeft(step: Step): void {
  step.check("visitor_left");
  step.settleStatus();
}

/** The conversation method as a reducer: what one event does to a conversation's phase, checklist and status. */
export function applyMethodEvent(
  state: MethodState,
  event: MethodEvent,
): { state: MethodState; changes: MethodChange[] } {
  if (state.status === "closed") return { state, changes: [] };
  if (state.status === "queued" && event.type !== "visitor_message" && event.type !== "visitor_left") {
    return { state, changes: [] };
  }
  const step = new Step(state);
  switch (event.type) {
    case "operator_message":
      operatorMessage(step, event);
      break;
    case "visitor_message":
      visitorMessage(step, event);
      break;
    case "summary_answer":
      if (state.pendingQuestion === "summary") answerPending(step, event.answer);
      break;
    case "phase_set":
      step.moveTo(event.phase);
      break;
    case "checklist_check":
      checklistCheck(step, event);
      break;
    case "visitor_left":
      visitorLeft(step);
      break;
  }
  return step.result(state);
}

/** Several events in order, with every change they made; for replaying a conversation. */
export function applyMethodEvents(
  state: MethodState,
  events: readonly MethodEvent[],
): { state: MethodState; changes: MethodChange[] } {
  const changes: MethodChange[] = [];
  for (const event of events) {
    const result = applyMethodEvent(state, event);
    state = result.state;
    changes.push(...result.changes);
  }
  return { state, changes };
}

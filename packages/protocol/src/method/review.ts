// The method review of one chat, for coaching: what the stored events and messages say about how the method was followed.
import type { Checklist, FollowUpChannel, Locale, Message, Phase, ReviewNote } from "../types.js";
import { PHASES } from "../types.js";
import { closingChecklistComplete, emptyChecklist, OPERATOR_CHECKLIST_ITEMS } from "./checklist.js";
import { asksLeaveToHold, etiquetteHints, type HintCode } from "./etiquette.js";
import { isLaterPhase } from "./phases.js";

/** One stored conversation event, its JSON data already parsed. */
export interface ReviewEvent {
  type: string;
  actorType?: string | null;
  actorId?: string | null;
  data?: Record<string, unknown> | null;
  at: string;
}

/** A promise made in the chat. */
export interface ReviewFollowUpInput {
  id: string;
  channel: FollowUpChannel;
  dueAt: string;
  createdAt: string;
  doneAt: string | null;
}

/** Everything stored about one chat that the review reads. */
export interface ChatRecord {
  createdAt: string;
  locale: Locale;
  visitorName?: string | null;
  messages: readonly Message[];
  events: readonly ReviewEvent[];
  followUps: readonly ReviewFollowUpInput[];
}

export interface ReviewedHint {
  seq: number;
  at: string;
  code: HintCode;
  /** Whether the operator's next message no longer drew this hint; null when no message followed. */
  actedOn: boolean | null;
}

export interface ReviewedTransfer {
  at: string;
  fromOperatorId?: string;
  toOperatorId: string;
  note?: string;
  /** A second or later transfer of the same chat: the customer was passed on again. */
  repeat: boolean;
}

export type PromiseOutcome = "kept_on_time" | "kept_late" | "open" | "overdue";

export interface ReviewedFollowUp {
  id: string;
  channel: FollowUpChannel;
  dueAt: string;
  doneAt: string | null;
  outcome: PromiseOutcome;
}

export interface MethodReview {
  phases: { phase: Phase; at: string }[];
  phaseReached: Phase;
  /** From the first assignment to the operator's first text. */
  secondsToGreeting?: number;
  /** Whether that first text was a greeting. */
  greeted: boolean;
  /** From the first assignment to the operator's first text in the response phase or later. */
  secondsToFirstAnswer?: number;
  summarised: boolean;
  /** The visitor said yes to a summary before the operator's first answer. */
  summaryConfirmed: boolean;
  checklist: Checklist;
  checklistComplete: boolean;
  /** The chat was not ended by the operator before the visitor left. */
  waitedForVisitor: boolean;
  transfers: ReviewedTransfer[];
  repeatTransfers: number;
  hints: ReviewedHint[];
  followUps: ReviewedFollowUp[];
}

/** `GET /api/conversations/:id/review`: the review with the chat it belongs to and the notes reviewers left. */
export type ChatReview = MethodReview & { conversationId: string; operatorId?: string; notes: ReviewNote[] };

const ms = (iso: string) => Date.parse(iso);
const secondsBetween = (from: string, to: string) => Math.round((ms(to) - ms(from)) / 100) / 10;
const isPhase = (value: unknown): value is Phase => typeof value === "string" && (PHASES as readonly string[]).includes(value);

/** The phase changes in time order, starting with the opening when the chat began. */
function phaseTimeline(chat: ChatRecord): { phase: Phase; at: string; actorId?: string | null }[] {
  const changes = chat.events
    .filter((e) => e.type === "phase_changed" && isPhase(e.data?.to))
    .map((e) => ({ phase: e.data!.to as Phase, at: e.at, actorId: e.actorId }));
  return [{ phase: "opening" as Phase, at: chat.createdAt }, ...changes];
}

/**
 * The phase each operator text was written in, and the phase it left the chat in. A phase change by
 * the same operator after a message and before the next message was caused by that message.
 */
function phasesAroundMessages(chat: ChatRecord, texts: Message[]): { before: Phase; after: Phase }[] {
  const timeline = phaseTimeline(chat);
  const phaseAt = (at: number) => timeline.filter((p) => ms(p.at) <= at).at(-1)?.phase ?? "opening";
  const allMessages = [...chat.messages].sort((a, b) => a.seq - b.seq);
  return texts.map((text) => {
    const sent = ms(text.createdAt);
    const next = allMessages.find((m) => m.seq > text.seq);
    const caused = timeline.filter((p) => ms(p.at) >= sent && (!next || ms(p.at) < ms(next.createdAt)) && p.actorId === text.author.id);
    const before = phaseAt(sent - 1);
    return { before, after: caused.at(-1)?.phase ?? phaseAt(sent) };
  });
}

/** The closing checklist as the events left it: items ticked, and cleared when the closing started over. */
function finalChecklist(events: readonly ReviewEvent[]): Checklist {
  let checklist = emptyChecklist();
  for (const event of events) {
    const item = event.data?.item;
    if (event.type === "checklist_checked" && typeof item === "string" && item in checklist) checklist = { ...checklist, [item]: true };
    if (event.type === "checklist_cleared") for (const operatorItem of OPERATOR_CHECKLIST_ITEMS) checklist = { ...checklist, [operatorItem]: false };
    if (event.type === "visitor_left") checklist = { ...checklist, visitor_left: true };
    if (event.type === "visitor_returned") checklist = { ...checklist, visitor_left: false };
  }
  return checklist;
}

/** Closed by the operator while the visitor was still there means the operator did not wait. */
function waitedForVisitor(events: readonly ReviewEvent[]): boolean {
  const left = events.find((e) => e.type === "visitor_left");
  const closedByOperator = events.find((e) => e.type === "closed");
  if (!left) return false;
  return !closedByOperator || ms(closedByOperator.at) >= ms(left.at);
}

function transfers(events: readonly ReviewEvent[]): ReviewedTransfer[] {
  return events
    .filter((e) => e.type === "transferred" && typeof e.data?.to === "string")
    .map((e, index) => ({
      at: e.at,
      ...(e.actorId ? { fromOperatorId: e.actorId } : {}),
      toOperatorId: e.data!.to as string,
      ...(typeof e.data?.note === "string" ? { note: e.data.note } : {}),
      repeat: index > 0,
    }));
}

function promiseOutcome(f: ReviewFollowUpInput, now: number): PromiseOutcome {
  if (f.doneAt !== null) return ms(f.doneAt) <= ms(f.dueAt) ? "kept_on_time" : "kept_late";
  return ms(f.dueAt) < now ? "overdue" : "open";
}

/** How long the visitor's oldest unanswered message had waited when the operator sent `text`. */
function visitorWaitingSeconds(messages: Message[], text: Message): number {
  let waitingSince: number | null = null;
  for (const m of messages) {
    if (m.seq >= text.seq) break;
    if (m.kind !== "text") continue;
    if (m.author.type === "visitor" && waitingSince === null) waitingSince = ms(m.createdAt);
    if (m.author.type === "operator") waitingSince = null;
  }
  return waitingSince === null ? 0 : (ms(text.createdAt) - waitingSince) / 1000;
}

/** The etiquette hints each operator text drew when it was sent, and whether the next text drew the same one. */
function hintsOnTexts(chat: ChatRecord, messages: Message[], texts: Message[], phases: { before: Phase }[]): ReviewedHint[] {
  const name = chat.visitorName?.trim() || undefined;
  const codesFor = (index: number, asFirst = false): HintCode[] => {
    const earlier = texts.slice(0, index);
    return etiquetteHints(texts[index].body, {
      locale: chat.locale,
      phase: asFirst ? "opening" : phases[index].before,
      formal: true,
      visitorName: name,
      operatorTextsSent: asFirst ? 0 : index,
      nameUsedBefore: Boolean(name) && earlier.some((m) => name!.split(/\s+/).some((part) => part.length > 1 && m.body.includes(part))),
      visitorWaitingSeconds: visitorWaitingSeconds(messages, texts[index]),
      askedToHold: earlier.some((m) => asksLeaveToHold(m.body)),
    }).map((h) => h.code);
  };
  return texts.flatMap((text, index) => {
    const hasNext = index + 1 < texts.length;
    return codesFor(index).map((code) => {
      // A missing greeting is made good when the next text would have passed as one.
      const nextCodes = hasNext ? codesFor(index + 1, code === "no_greeting") : [];
      return { seq: text.seq, at: text.createdAt, code, actedOn: hasNext ? !nextCodes.includes(code) : null };
    });
  });
}

/** Reads one chat against the method, top to bottom, from what was stored while it happened. */
export function reviewChat(chat: ChatRecord, now: number = Date.now()): MethodReview {
  const messages = [...chat.messages].sort((a, b) => a.seq - b.seq);
  const texts = messages.filter((m) => m.kind === "text" && m.author.type === "operator");
  const phases = phasesAroundMessages(chat, texts);
  const timeline = phaseTimeline(chat);
  const assignedAt = chat.events.find((e) => e.type === "assigned")?.at;

  const firstText = texts[0];
  const hints = hintsOnTexts(chat, messages, texts, phases);
  const greeted = firstText !== undefined && !hints.some((h) => h.seq === firstText.seq && h.code === "no_greeting");

  const firstAnswerIndex = phases.findIndex((p) => p.after === "response" || isLaterPhase(p.after, "response"));
  const firstAnswer = firstAnswerIndex >= 0 ? texts[firstAnswerIndex] : undefined;
  const confirmation = chat.events.find((e) => e.type === "summary_answered" && e.data?.answer === "yes");
  const summaryConfirmed = confirmation !== undefined && (!firstAnswer || ms(confirmation.at) <= ms(firstAnswer.createdAt));

  const checklist = finalChecklist(chat.events);
  const transferList = transfers(chat.events);
  const since = assignedAt ?? chat.createdAt;
  return {
    phases: timeline.map(({ phase, at }) => ({ phase, at })),
    phaseReached: timeline.reduce<Phase>((reached, p) => (isLaterPhase(p.phase, reached) ? p.phase : reached), "opening"),
    ...(firstText ? { secondsToGreeting: secondsBetween(since, firstText.createdAt) } : {}),
    greeted,
    ...(firstAnswer ? { secondsToFirstAnswer: secondsBetween(since, firstAnswer.createdAt) } : {}),
    summarised: texts.some((m) => m.meta?.summary === true),
    summaryConfirmed,
    checklist,
    checklistComplete: closingChecklistComplete(checklist),
    waitedForVisitor: waitedForVisitor(chat.events),
    transfers: transferList,
    repeatTransfers: transferList.filter((t) => t.repeat).length,
    hints,
    followUps: chat.followUps.map((f) => ({ id: f.id, channel: f.channel, dueAt: f.dueAt, doneAt: f.doneAt, outcome: promiseOutcome(f, now) })),
  };
}

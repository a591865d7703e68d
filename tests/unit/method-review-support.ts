// Builds a chat for the method review event by event, on a clock the test moves, as the server would store it.
import type { ChatRecord, Message, ReviewEvent, ReviewFollowUpInput } from "@live-chat/protocol";

export const OPERATOR = "op-eva";
const START = Date.parse("2026-03-02T09:00:00Z");

export class ChatBuilder {
  private clock = START;
  private seq = 0;
  readonly messages: Message[] = [];
  readonly events: ReviewEvent[] = [];
  readonly followUps: ReviewFollowUpInput[] = [];

  constructor(private readonly visitorName = "Rob Jansen") {}

  /** Lets `seconds` pass before whatever comes next. */
  after(seconds: number): this {
    this.clock += seconds * 1000;
    return this;
  }

  private at(): string {
    return new Date(this.clock).toISOString();
  }

  event(type: string, data?: Record<string, unknown>, actor: { type: string; id?: string } = { type: "operator", id: OPERATOR }): this {
    this.clock += 1;
    this.events.push({ type, actorType: actor.type, actorId: actor.id ?? null, data: data ?? null, at: this.at() });
    return this;
  }

  assigned(to = OPERATOR): this {
    return this.event("assigned", { how: "routed" }, { type: "system", id: to });
  }

  visitor(body: string): this {
    this.messages.push({ id: `m${++this.seq}`, conversationId: "c1", seq: this.seq, kind: "text", author: { type: "visitor", name: this.visitorName }, body, createdAt: this.at() });
    return this;
  }

  /** An operator text; the phase changes it caused follow at once, as the server records them. */
  operator(body: string, opts: { summary?: boolean; movesTo?: string; by?: string } = {}): this {
    const by = opts.by ?? OPERATOR;
    const from = this.currentPhase();
    this.messages.push({ id: `m${++this.seq}`, conversationId: "c1", seq: this.seq, kind: "text", author: { type: "operator", id: by, name: "Eva" }, body, createdAt: this.at(), ...(opts.summary ? { meta: { summary: true } } : {}) });
    const to = opts.movesTo ?? (from === "opening" ? "question" : undefined);
    if (to && to !== from) this.event("phase_changed", { type: "phase_changed", from, to }, { type: "operator", id: by });
    return this;
  }

  visitorConfirmsSummary(answer: "yes" | "no" = "yes"): this {
    this.event("summary_answered", { type: "summary_answered", answer }, { type: "visitor" });
    const from = this.currentPhase();
    const to = answer === "yes" ? "response" : "question";
    if (from !== to) this.event("phase_changed", { type: "phase_changed", from, to }, { type: "visitor" });
    return this;
  }

  check(item: string): this {
    if (this.currentPhase() !== "closing") this.event("phase_changed", { type: "phase_changed", from: this.currentPhase(), to: "closing" });
    return this.event("checklist_checked", { type: "checklist_checked", item });
  }

  promise(dueInSeconds: number, doneAfterSeconds: number | null): this {
    const dueAt = new Date(this.clock + dueInSeconds * 1000).toISOString();
    const doneAt = doneAfterSeconds === null ? null : new Date(this.clock + doneAfterSeconds * 1000).toISOString();
    this.followUps.push({ id: `f${this.followUps.length + 1}`, channel: "callback", dueAt, createdAt: this.at(), doneAt });
    return this;
  }

  currentPhase(): string {
    return (this.events.filter((e) => e.type === "phase_changed").at(-1)?.data?.to as string | undefined) ?? "opening";
  }

  get now(): number {
    return this.clock;
  }

  build(): ChatRecord {
    return { createdAt: new Date(START).toISOString(), locale: "en", visitorName: this.visitorName, messages: this.messages, events: this.events, followUps: this.followUps };
  }
}

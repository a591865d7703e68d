// The chat as it happened, for a reviewer: messages in order, with the phase changes and transfers between
// them and, under each operator text, the etiquette hints it drew and whether the next text acted on them.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { HINT_MESSAGES, PHASE_LABELS, type ChatReview, type Locale, type Message } from "@live-chat/protocol";
import { clockTime } from "../format.js";
import { t } from "../i18n.js";
import { adminStyles } from "../admin/styles.js";

type Entry = { at: string; order: number } & ({ kind: "message"; message: Message } | { kind: "phase"; phase: ChatReview["phases"][number] } | { kind: "transfer"; transfer: ChatReview["transfers"][number] });

/** Everything in time order; at the same instant a message comes before the phase change it caused. */
function entriesOf(review: ChatReview, messages: Message[]): Entry[] {
  const entries: Entry[] = [
    ...messages.filter((m) => m.kind !== "system").map((message) => ({ kind: "message" as const, at: message.createdAt, order: 0, message })),
    ...review.phases.map((phase) => ({ kind: "phase" as const, at: phase.at, order: 1, phase })),
    ...review.transfers.map((transfer) => ({ kind: "transfer" as const, at: transfer.at, order: 2, transfer })),
  ];
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
}

@customElement("lc-review-timeline")
export class ReviewTimeline extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) review!: ChatReview;
  @property({ attribute: false }) messages: Message[] = [];
  @property({ attribute: false }) locale: Locale = "en";

  private renderEntry(entry: Entry) {
    const l = this.locale;
    const time = html`<time datetime=${entry.at}>${clockTime(entry.at, l)}</time>`;
    switch (entry.kind) {
      case "phase":
        return html`<li class="marker">${time} ${t(l, "timelinePhase", { phase: PHASE_LABELS[l][entry.phase.phase] })}</li>`;
      case "transfer": {
        const tr = entry.transfer;
        const text = tr.note ? t(l, "timelineTransferNote", { note: tr.note }) : t(l, tr.repeat ? "timelineRepeatTransfer" : "timelineTransfer");
        return html`<li class="marker transfer">${time} ${text}</li>`;
      }
      case "message": {
        const m = entry.message;
        const hints = this.review.hints.filter((h) => h.seq === m.seq);
        return html`<li class="message ${m.author.type} ${m.kind}">
          ${time} <strong>${m.author.name ?? t(l, m.author.type === "visitor" ? "visitorFallbackName" : "operator")}</strong>
          <div class="body">${m.body}</div>
          ${hints.map((h) => {
            const key = h.actedOn === null ? "hintNoNext" : h.actedOn ? "hintActedOn" : "hintNotActedOn";
            return html`<div class="hint ${h.actedOn ? "acted" : "open"}">${t(l, key, { hint: HINT_MESSAGES[l][h.code] })}</div>`;
          })}
        </li>`;
      }
    }
  }

  override render() {
    return html`
      <style>
        ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        li.marker { color: var(--lc-muted, #5b6676); font-size: 0.9em; border-left: 3px solid var(--live-chat-accent, #1f6feb); padding-left: 8px; }
        li.message { padding: 6px 10px; border-radius: 6px; background: var(--lc-bg, #f5f6f8); }
        li.message.operator { background: color-mix(in srgb, var(--live-chat-accent, #1f6feb) 8%, transparent); }
        li.message.note { border: 1px dashed var(--lc-border, #d8dce3); }
        .body { white-space: pre-wrap; margin-top: 2px; }
        .hint { font-size: 0.88em; margin-top: 4px; padding: 2px 6px; border-radius: 4px; background: var(--lc-amber-bg, #fff3d6); }
        .hint.acted { background: color-mix(in srgb, var(--lc-green, #1a7f37) 12%, transparent); }
        time { color: var(--lc-muted, #5b6676); font-size: 0.85em; }
      </style>
      <section class="card" aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">${t(this.locale, "timelineHeading")}</h3>
        <ol>${entriesOf(this.review, this.messages).map((e) => this.renderEntry(e))}</ol>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-review-timeline": ReviewTimeline;
  }
}

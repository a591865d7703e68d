// A visitor's earlier conversations (date, operator, contact reasons, rating), each openable as a
// read-only transcript. Shown beside a live visitor and in the visitor panel of a chat.
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ContactReason, Locale, Message, VisitorConversation } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { clockTime, dateTime } from "../format.js";
import { contactReasons } from "../api.js";
import { StoreElement } from "./store-element.js";

/** Contact reasons change rarely: read once per page. */
let reasonNames: Promise<ContactReason[]> | null = null;

@customElement("lc-visitor-history")
export class VisitorHistory extends StoreElement {
  @property({ attribute: false }) visitorId!: string;
  @property({ attribute: false }) locale: Locale = "en";
  /** The chat being worked on, left out of "earlier". */
  @property({ attribute: false }) exceptId: string | undefined;
  @state() private reading: VisitorConversation | null = null;
  @state() private reasons: ContactReason[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    reasonNames ??= contactReasons(this.store.token).catch(() => []);
    void reasonNames.then((list) => (this.reasons = list));
  }

  private reasonText(ids: string[]): string {
    return ids.map((id) => this.reasons.find((r) => r.id === id)?.names[this.locale] ?? "").filter(Boolean).join(", ");
  }

  private toggle(c: VisitorConversation): void {
    if (this.reading?.id === c.id) {
      this.reading = null;
      return;
    }
    this.store.liveVisitors.retryFailed(c.id);
    this.reading = c;
  }

  private renderTranscript(c: VisitorConversation) {
    const l = this.locale;
    const messages = this.store.liveVisitors.transcript(c.id);
    return html`<section class="read-only-transcript" aria-labelledby="read-${c.id}">
      <h5 id="read-${c.id}">${t(l, "earlierTranscriptHeading", { date: dateTime(c.createdAt, l) })}</h5>
      <button type="button" @click=${() => (this.reading = null)}>${t(l, "earlierCloseTranscript")}</button>
      ${messages === null
        ? html`<p>${t(l, "loading")}</p>`
        : messages === "failed"
          ? html`<p role="alert">${t(l, "earlierTranscriptFailed")}</p>`
          : html`<ol class="transcript-lines">
              ${messages.map((m: Message) => html`<li class="line ${m.kind} ${m.author.type}">
                <span class="who">${m.author.type === "visitor" ? t(l, "visitorFallbackName") : m.author.name ?? ""}</span>
                <time datetime=${m.createdAt}>${clockTime(m.createdAt, l)}</time>
                <span class="body">${m.body}</span>
              </li>`)}
            </ol>`}
    </section>`;
  }

  protected override render() {
    const l = this.locale;
    const list = this.store.liveVisitors.earlier(this.visitorId);
    const earlier = Array.isArray(list) ? list.filter((c) => c.id !== this.exceptId) : list;
    return html`<section class="visitor-history" aria-labelledby="history-${this.visitorId}">
      <h4 id="history-${this.visitorId}">${t(l, "earlierHeading")}</h4>
      ${earlier === null
        ? html`<p>${t(l, "loading")}</p>`
        : earlier === "failed"
          ? html`<p role="alert">${t(l, "earlierFailed")}</p>`
          : earlier.length === 0
            ? html`<p>${t(l, "earlierNone")}</p>`
            : html`<ul>
                ${earlier.map((c) => {
                  const date = dateTime(c.createdAt, l);
                  const reasons = this.reasonText(c.reasonIds);
                  return html`<li>
                    <span>${c.operator ? t(l, "earlierWith", { date, operator: c.operator.name }) : t(l, "earlierUnanswered", { date })}</span>
                    ${reasons ? html`<span class="reasons">${t(l, "earlierReasons", { reasons })}</span>` : nothing}
                    ${c.rating ? html`<span class="rating">${t(l, "earlierRating", { score: c.rating.score })}</span>` : nothing}
                    <button type="button" aria-expanded=${this.reading?.id === c.id ? "true" : "false"} aria-label="${t(l, "earlierRead")}: ${date}" @click=${() => this.toggle(c)}>${t(l, "earlierRead")}</button>
                  </li>`;
                })}
              </ul>`}
      ${this.reading ? this.renderTranscript(this.reading) : nothing}
    </section>`;
  }
}

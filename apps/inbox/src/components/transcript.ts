// The messages of one chat as plain text (links made clickable), newest at the bottom; older
// pages load when the operator scrolls up. Selecting words in a visitor message raises
// "visitor-selection" for Clarify.
import { html, type PropertyValues } from "lit";
import { customElement, property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { Locale, Message } from "@live-chat/protocol";
import { clockTime } from "../format.js";
import { isMessageKey, t } from "../i18n.js";
import type { InboxStore } from "../inbox-store.js";
import { linkify } from "../linkify.js";
import { StoreElement } from "./store-element.js";

/** Within this many pixels of the top, the next older page loads. */
const LOAD_OLDER_AT_PX = 200;
const STICK_TO_BOTTOM_PX = 40;

@customElement("lc-transcript")
export class Transcript extends StoreElement {
  @property() conversationId = "";
  @property() locale: Locale = "en";
  private renderedVersion = -1;
  private renderedTyping = false;
  /** Follows new messages until the operator scrolls away from the bottom. */
  private stuckToBottom = true;
  private anchor: { firstSeq: number; fromBottom: number } | null = null;

  /** Keeps the newest message in view when the panel around the transcript grows or shrinks. */
  private readonly resizes = new ResizeObserver(() => {
    const log = this.log;
    if (log && this.stuckToBottom) log.scrollTop = log.scrollHeight;
  });

  protected override firstUpdated(): void {
    if (this.log) this.resizes.observe(this.log);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizes.disconnect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.log) this.resizes.observe(this.log);
  }

  private get log(): HTMLElement | null {
    return this.querySelector(".transcript");
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const transcript = this.store.transcripts.get(this.conversationId);
    const typing = this.store.visitorTyping(this.conversationId);
    return changed.size > 0 || (transcript?.version ?? 0) !== this.renderedVersion || typing !== this.renderedTyping;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const log = this.log;
    if (changed.has("conversationId")) this.stuckToBottom = true;
    const first = this.querySelector<HTMLElement>(".message")?.dataset.seq;
    this.anchor = log ? { firstSeq: Number(first ?? 0), fromBottom: log.scrollHeight - log.scrollTop } : null;
  }

  protected override updated(): void {
    const log = this.log;
    if (!log) return;
    const transcript = this.store.transcripts.get(this.conversationId);
    const anchor = this.anchor;
    if (this.stuckToBottom) {
      log.scrollTop = log.scrollHeight;
      // Messages that were off screen get their real height only once laid out; follow them down.
      requestAnimationFrame(() => {
        if (this.stuckToBottom) log.scrollTop = log.scrollHeight;
      });
    } else if (anchor && (transcript?.messages[0]?.seq ?? 0) !== anchor.firstSeq) {
      log.scrollTop = log.scrollHeight - anchor.fromBottom;
    }
    // A first page shorter than the view cannot be scrolled up, so fetch more right away.
    if (transcript?.hasOlder && !transcript.loadingOlder && log.scrollHeight <= log.clientHeight) void this.store.loadOlder(this.conversationId);
  }

  private onScroll(): void {
    const log = this.log;
    if (!log) return;
    this.stuckToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_BOTTOM_PX;
    if (log.scrollTop < LOAD_OLDER_AT_PX) void this.store.loadOlder(this.conversationId);
  }

  private onPointerUp(): void {
    const selection = document.getSelection();
    const text = selection?.toString().trim() ?? "";
    const inVisitorMessage = (node: Node | null | undefined) =>
      Boolean((node instanceof Element ? node : node?.parentElement)?.closest(".message.from-visitor .body"));
    const chosen = text && inVisitorMessage(selection?.anchorNode) && inVisitorMessage(selection?.focusNode) ? text : "";
    this.dispatchEvent(new CustomEvent("visitor-selection", { detail: chosen, bubbles: true }));
  }

  /** System lines in the operator's language when the server named them; its own words otherwise. */
  private systemText(m: Message): string {
    const key = `system_${m.meta?.systemKey ?? ""}`;
    return isMessageKey(key) ? t(this.locale, key, m.meta?.params ?? {}) : m.body;
  }

  private get visitorName(): string {
    return this.store.conversations.get(this.conversationId)?.visitor.name || t(this.locale, "visitorFallbackName");
  }

  private renderBody(body: string) {
    return linkify(body).map((part) =>
      part.kind === "link" ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow">${part.text}</a>` : part.text,
    );
  }

  private renderSummary(m: Message) {
    const l = this.locale;
    const answer = m.meta?.summaryAnswer;
    const text = answer === "yes" ? t(l, "summaryYes") : answer === "no" ? t(l, "summaryNo") : t(l, "summaryPending");
    return html`<p class="summary-answer summary-${answer ?? "pending"}"><span class="tag">${t(l, "summaryTag")}</span> ${text}</p>`;
  }

  private renderMessage(m: Message) {
    const l = this.locale;
    if (m.kind === "system") return html`<li class="message system" data-seq=${m.seq}><span class="body">${this.systemText(m)}</span></li>`;
    const from = m.kind === "note" ? "note" : m.author.type === "visitor" ? "from-visitor" : "from-operator";
    const author = m.author.type === "visitor" ? m.author.name || this.visitorName : m.author.name;
    return html`<li class="message ${from}" data-seq=${m.seq}>
      <div class="bubble">
        ${m.kind === "note"
          ? html`<p class="note-label">
              ${m.meta?.systemKey === "transfer_note" ? t(l, "transferNoteLabel", { from: m.meta.params?.from ?? author ?? "" }) : t(l, "internalNote")}
            </p>`
          : null}
        <p class="body">${this.renderBody(m.body)}</p>
        ${m.meta?.summary ? this.renderSummary(m) : null}
      </div>
      <p class="meta">${author ? html`<span class="author">${author}</span> · ` : null}<time datetime=${m.createdAt}>${clockTime(m.createdAt, l)}</time></p>
    </li>`;
  }

  protected override render() {
    const l = this.locale;
    const transcript = this.store.transcripts.get(this.conversationId);
    this.renderedVersion = transcript?.version ?? 0;
    this.renderedTyping = this.store.visitorTyping(this.conversationId);
    const visitorName = this.visitorName;
    return html`
      <ol class="transcript" role="log" aria-label=${t(l, "transcript")} tabindex="0" @scroll=${this.onScroll} @mouseup=${this.onPointerUp} @keyup=${this.onPointerUp}>
        <li class="history-edge" aria-live="polite">
          ${!transcript || transcript.loadingOlder ? t(l, "loadingOlder") : transcript.hasOlder ? "" : t(l, "startOfChat")}
        </li>
        ${repeat(transcript?.messages ?? [], (m) => m.id, (m) => this.renderMessage(m))}
      </ol>
      <p class="typing" aria-live="polite">${this.renderedTyping ? t(l, "visitorTyping", { name: visitorName }) : ""}</p>
    `;
  }
}

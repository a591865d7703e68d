// The messages of one chat as plain text (links made clickable), newest at the bottom; older
// pages load when the operator scrolls up. Selecting words in a visitor message raises
// "visitor-selection" for Clarify. By keyboard: the arrow keys move between messages, and Enter on
// a visitor message raises "visitor-clarify" with the words selected in it, or first offers its
// words to choose from.
import { html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { Locale, Message } from "@live-chat/protocol";
import { clockTime } from "../format.js";
import { isMessageKey, t } from "../i18n.js";
import type { InboxStore } from "../store/index.js";
import { linkify } from "../linkify.js";
import { StoreElement } from "./store-element.js";
import "./attachments.js";

/** Within this many pixels of the top, the next older page loads. */
const LOAD_OLDER_AT_PX = 200;
const STICK_TO_BOTTOM_PX = 40;
/** Keys that never change a text selection: a keyup of one of them leaves Clarify's selection alone. */
const NOT_SELECTING = new Set(["Enter", " ", "Escape", "Tab"]);

/** A message's words with where each stands, so chosen neighbours keep the text between them. */
function wordsOf(body: string): Array<{ text: string; start: number; end: number }> {
  const words = [];
  for (const match of body.matchAll(/\S+/g)) {
    const lead = /^[^\p{L}\p{N}]*/u.exec(match[0])![0].length;
    const trail = /[^\p{L}\p{N}]*$/u.exec(match[0])![0].length;
    if (lead === match[0].length) continue;
    const start = match.index + lead;
    const end = match.index + match[0].length - trail;
    words.push({ text: body.slice(start, end), start, end });
  }
  return words;
}

/** The chosen words as the visitor wrote them: a run keeps its own spacing and punctuation, gaps become "…". */
function chosenText(body: string, chosen: ReadonlySet<number>): string {
  const words = wordsOf(body);
  const runs: string[] = [];
  let runStart = -1;
  words.forEach((word, i) => {
    if (!chosen.has(i)) return;
    if (runStart < 0) runStart = i;
    if (!chosen.has(i + 1)) {
      runs.push(body.slice(words[runStart].start, word.end));
      runStart = -1;
    }
  });
  return runs.join(" … ");
}

@customElement("lc-transcript")
export class Transcript extends StoreElement {
  @property() conversationId = "";
  @property() locale: Locale = "en";
  private renderedVersion = -1;
  private renderedTyping = false;
  /** Follows new messages until the operator scrolls away from the bottom. */
  private stuckToBottom = true;
  private anchor: { firstSeq: number; fromBottom: number } | null = null;
  /** The visitor message whose words are offered for Clarify, and the words chosen so far. */
  @state() private picking: { messageId: string; chosen: Set<number> } | null = null;

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
    const typing = this.store.transcripts.visitorTyping(this.conversationId);
    return changed.size > 0 || (transcript?.version ?? 0) !== this.renderedVersion || typing !== this.renderedTyping;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const log = this.log;
    if (changed.has("conversationId")) {
      this.stuckToBottom = true;
      this.picking = null;
    }
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
    if (transcript?.hasOlder && !transcript.loadingOlder && log.scrollHeight <= log.clientHeight) void this.store.transcripts.loadOlder(this.conversationId);
  }

  private onScroll(): void {
    const log = this.log;
    if (!log) return;
    this.stuckToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_BOTTOM_PX;
    if (log.scrollTop < LOAD_OLDER_AT_PX) void this.store.transcripts.loadOlder(this.conversationId);
  }

  private onPointerUp(event: Event): void {
    if (event instanceof KeyboardEvent && NOT_SELECTING.has(event.key)) return;
    if ((event.target as Element | null)?.closest?.(".clarify-picker")) return;
    const selection = document.getSelection();
    const text = selection?.toString().trim() ?? "";
    const inVisitorMessage = (node: Node | null | undefined) =>
      Boolean((node instanceof Element ? node : node?.parentElement)?.closest(".message.from-visitor .body"));
    const chosen = text && inVisitorMessage(selection?.anchorNode) && inVisitorMessage(selection?.focusNode) ? text : "";
    this.dispatchEvent(new CustomEvent("visitor-selection", { detail: chosen, bubbles: true }));
  }

  /** The text selected inside this message's body, if any. */
  private selectedIn(item: HTMLElement): string {
    const selection = document.getSelection();
    const body = item.querySelector(".body");
    const text = selection?.toString().trim() ?? "";
    if (!text || !body || !selection?.anchorNode || !selection.focusNode) return "";
    return body.contains(selection.anchorNode) && body.contains(selection.focusNode) ? text : "";
  }

  private clarify(text: string): void {
    this.dispatchEvent(new CustomEvent("visitor-clarify", { detail: text, bubbles: true }));
  }

  /** Arrow keys go from message to message; Enter on a visitor message clarifies its selection or offers its words. */
  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (target.closest(".clarify-picker")) {
      if (event.key === "Escape") {
        event.preventDefault();
        this.closePicker(true);
      }
      return;
    }
    const onMessage = target.matches(".message");
    if (!onMessage && target !== this.log) return;
    if ((event.key === "ArrowUp" || event.key === "ArrowDown") && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      const items = [...this.querySelectorAll<HTMLElement>(".message")];
      if (items.length === 0) return;
      event.preventDefault();
      // From the log itself the newest message comes first, as the operator reads from the bottom.
      const next = onMessage ? items.indexOf(target) + (event.key === "ArrowUp" ? -1 : 1) : items.length - 1;
      items[Math.max(0, Math.min(items.length - 1, next))].focus();
      return;
    }
    const open = this.store.conversations.get(this.conversationId)?.status !== "closed";
    if (event.key === "Enter" && onMessage && open && target.matches(".from-visitor")) {
      event.preventDefault();
      const selected = this.selectedIn(target);
      if (selected) this.clarify(selected);
      else void this.openPicker(target.dataset.id ?? "");
    }
  }

  private async openPicker(messageId: string): Promise<void> {
    this.picking = { messageId, chosen: new Set() };
    await this.updateComplete;
    this.querySelector<HTMLElement>(".clarify-picker button")?.focus();
  }

  private closePicker(refocus: boolean): void {
    const id = this.picking?.messageId;
    this.picking = null;
    if (refocus && id) void this.updateComplete.then(() => this.querySelector<HTMLElement>(`.message[data-id="${CSS.escape(id)}"]`)?.focus());
  }

  private toggleWord(index: number): void {
    const picking = this.picking;
    if (!picking) return;
    const chosen = new Set(picking.chosen);
    if (!chosen.delete(index)) chosen.add(index);
    this.picking = { ...picking, chosen };
  }

  /** Asks about the chosen words; with none chosen, about what the message meant. */
  private clarifyChosen(m: Message): void {
    const chosen = this.picking?.chosen ?? new Set<number>();
    this.picking = null;
    this.clarify(chosenText(m.body, chosen));
  }

  private renderPicker(m: Message) {
    const l = this.locale;
    const chosen = this.picking?.chosen ?? new Set<number>();
    return html`<div class="clarify-picker" role="group" aria-label=${t(l, "clarifyPickWords")} aria-describedby="clarify-pick-help">
      <p class="help" id="clarify-pick-help">${t(l, "clarifyPickHelp")}</p>
      <div class="clarify-words">
        ${wordsOf(m.body).map(
          (word, i) => html`<button type="button" class="word" aria-pressed=${chosen.has(i) ? "true" : "false"} @click=${() => this.toggleWord(i)}>${word.text}</button>`,
        )}
      </div>
      <div class="clarify-actions">
        <button type="button" class="primary" @click=${() => this.clarifyChosen(m)}>${t(l, "clarifyChosen")}</button>
        <button type="button" @click=${() => this.closePicker(true)}>${t(l, "cancel")}</button>
      </div>
    </div>`;
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

  /** Where the message came or went: always said once a chat mixes mail and chat, by mail always. */
  private renderChannel(m: Message, mixed: boolean) {
    const l = this.locale;
    if (m.channel === "mail") return html` · <span class="channel-mail"><span aria-hidden="true">✉</span> ${t(l, "messageByMail")}</span>`;
    return mixed ? html` · <span class="channel-chat">${t(l, "messageInChat")}</span>` : null;
  }

  private renderMessage(m: Message, mixed: boolean) {
    const l = this.locale;
    if (m.kind === "system") return html`<li class="message system" tabindex="-1" data-seq=${m.seq} data-id=${m.id}><span class="body">${this.systemText(m)}</span></li>`;
    const from = m.kind === "note" ? "note" : m.author.type === "visitor" ? "from-visitor" : "from-operator";
    const author = m.author.type === "visitor" ? m.author.name || this.visitorName : m.author.name;
    const picking = from === "from-visitor" && this.picking?.messageId === m.id;
    return html`<li class="message ${from}" tabindex="-1" data-seq=${m.seq} data-id=${m.id}
      aria-describedby=${from === "from-visitor" ? "clarify-key-help" : nothing}>
      <div class="bubble">
        ${m.kind === "note"
          ? html`<p class="note-label">
              ${m.meta?.systemKey === "transfer_note" ? t(l, "transferNoteLabel", { from: m.meta.params?.from ?? author ?? "" }) : t(l, "internalNote")}
            </p>`
          : null}
        ${m.body ? html`<p class="body">${this.renderBody(m.body)}</p>` : null}
        ${m.attachments?.length ? html`<lc-attachments .attachments=${m.attachments} .locale=${l} .refresh=${() => this.store.transcripts.refreshMessage(m.conversationId, m.seq)}></lc-attachments>` : null}
        ${m.meta?.summary ? this.renderSummary(m) : null}
      </div>
      ${picking ? this.renderPicker(m) : null}
      <p class="meta">${author ? html`<span class="author">${author}</span> · ` : null}<time datetime=${m.createdAt}>${clockTime(m.createdAt, l)}</time>${this.renderChannel(m, mixed)}</p>
    </li>`;
  }

  protected override render() {
    const l = this.locale;
    const transcript = this.store.transcripts.get(this.conversationId);
    this.renderedVersion = transcript?.version ?? 0;
    this.renderedTyping = this.store.transcripts.visitorTyping(this.conversationId);
    const visitorName = this.visitorName;
    const mixed = (transcript?.messages ?? []).some((m) => m.channel === "mail");
    return html`
      <ol class="transcript" role="log" aria-label=${t(l, "transcript")} aria-describedby="transcript-key-help" tabindex="0"
        @scroll=${this.onScroll} @mouseup=${this.onPointerUp} @keyup=${this.onPointerUp} @keydown=${this.onKeyDown}>
        <li class="history-edge" aria-live="polite">
          ${!transcript || transcript.loadingOlder ? t(l, "loadingOlder") : transcript.hasOlder ? "" : t(l, "startOfChat")}
        </li>
        ${repeat(transcript?.messages ?? [], (m) => m.id, (m) => this.renderMessage(m, mixed))}
      </ol>
      <span id="transcript-key-help" hidden>${t(l, "transcriptKeyHelp")}</span>
      <span id="clarify-key-help" hidden>${t(l, "clarifyKeyHelp")}</span>
      <p class="typing" aria-live="polite">${this.renderedTyping ? t(l, "visitorTyping", { name: visitorName }) : ""}</p>
    `;
  }
}

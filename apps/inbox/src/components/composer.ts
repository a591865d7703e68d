// The reply box with the method around it: the current phase's canned replies beside it,
// /shortcut completion, Clarify and Summarise, note mode and quiet etiquette hints.
import { html, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import {
  PHASE_LABELS,
  asksLeaveToHold,
  clarifyDraft,
  etiquetteHints,
  fillPlaceholders,
  findUnknownPlaceholders,
  summaryDraft,
  type CannedReply,
  type Conversation,
  type Locale,
  type Message,
} from "@live-chat/protocol";
import { describeError } from "../api.js";
import { t } from "../i18n.js";
import type { AttachFiles } from "./attach-files.js";
import "./attach-files.js";
import { CannedReplies } from "./canned-replies.js";
import { StoreElement } from "./store-element.js";
import { TypingSignal } from "./typing-signal.js";

interface Draft {
  text: string;
  note: boolean;
  summary: boolean;
  canned?: { id: string; title: string };
}

const COMPLETION_LIMIT = 8;

@customElement("lc-composer")
export class Composer extends StoreElement {
  @property({ attribute: false }) conversation!: Conversation;
  @property() locale: Locale = "en";
  @property() selection = "";
  @state() private completionIndex = 0;
  @state() private completionClosed = false;
  @state() private error = "";
  @state() private sending = false;
  @query("textarea") private box!: HTMLTextAreaElement;
  @query("lc-attach-files") private files!: AttachFiles;
  private drafts = new Map<string, Draft>();
  private readonly canned = new CannedReplies(this);
  private readonly typingSignal = new TypingSignal((typing) => this.store.transcripts.typing(this.conversation.id, typing));

  /** The language the visitor is spoken to in. */
  get chatLocale(): Locale {
    return this.conversation.locale ?? this.conversation.visitor.locale ?? this.locale;
  }

  private get draft(): Draft {
    let draft = this.drafts.get(this.conversation.id);
    if (!draft) {
      draft = { text: "", note: false, summary: false };
      this.drafts.set(this.conversation.id, draft);
    }
    return draft;
  }

  private setDraft(patch: Partial<Draft>): void {
    this.drafts.set(this.conversation.id, { ...this.draft, ...patch });
    this.requestUpdate();
  }

  /** Puts text in the box for the operator to edit: the box's own text stays, the new text follows it. */
  insert(text: string, patch: Partial<Draft> = {}): void {
    const current = this.draft.text.trimEnd();
    this.setDraft({ ...patch, text: current ? `${current}\n${text}` : text });
    void this.updateComplete.then(() => {
      this.box.focus();
      this.box.setSelectionRange(this.box.value.length, this.box.value.length);
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    void this.canned.follow(this.store.token, this.conversation.phase, this.chatLocale, this.store.cannedRepliesVersion);
    if (changed.has("conversation") && changed.get("conversation")?.id !== this.conversation.id) this.error = "";
  }

  private fill(reply: CannedReply): string {
    const c = this.conversation;
    return fillPlaceholders(reply.body, {
      locale: reply.locale,
      visitor: { name: c.visitor.name },
      operator: { name: this.store.user.name },
      selection: this.selection || null,
      timeZone: c.visitor.timeZone,
      now: new Date(),
    });
  }

  private useReply(reply: CannedReply): void {
    this.insert(this.fill(reply), { canned: { id: reply.id, title: reply.title }, note: false });
  }

  // ---- /shortcut completion ----

  private get completionQuery(): string | null {
    const match = /(?:^|\s)\/([\w-]*)$/.exec(this.draft.text);
    return match && !this.completionClosed ? match[1].toLowerCase() : null;
  }

  private get completions(): CannedReply[] {
    const query = this.completionQuery;
    if (query === null) return [];
    return this.canned.replies
      .filter((r) => r.shortcut?.toLowerCase().startsWith(query) || (query.length > 0 && r.title.toLowerCase().includes(query)))
      .slice(0, COMPLETION_LIMIT);
  }

  private complete(reply: CannedReply): void {
    const text = this.draft.text.replace(/\/[\w-]*$/, "").trimEnd();
    this.drafts.set(this.conversation.id, { ...this.draft, text });
    this.useReply(reply);
  }

  // ---- Clarify and Summarise ----

  /** Drafts "What exactly do you mean by …?" about `words` (the selection by default) and puts the cursor in the box. */
  clarify(words = this.selection): void {
    if (this.conversation.status === "closed") return;
    this.insert(clarifyDraft(words, this.chatLocale), { note: false, summary: false });
  }

  private summarise(): void {
    const messages = this.store.transcripts.get(this.conversation.id)?.messages ?? [];
    const lastSummary = messages.findLastIndex((m) => m.meta?.summary);
    const visitorText = messages
      .slice(lastSummary + 1)
      .filter((m) => m.kind === "text" && m.author.type === "visitor")
      .map((m) => m.body)
      .join(" ");
    this.insert(summaryDraft(visitorText, this.chatLocale), { note: false, summary: true });
  }

  // ---- typing and sending ----

  private onInput(): void {
    this.completionClosed = false;
    this.completionIndex = 0;
    const text = this.box.value;
    this.setDraft(text.trim() ? { text } : { text, canned: undefined, summary: false });
    if (!this.draft.note) this.typingSignal.typed();
  }

  private onKeyDown(event: KeyboardEvent): void {
    const options = this.completions;
    if (options.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        this.completionIndex = (this.completionIndex + step + options.length) % options.length;
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        this.complete(options[Math.min(this.completionIndex, options.length - 1)]);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        this.completionClosed = true;
        return;
      }
    }
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  }

  private async send(): Promise<void> {
    const draft = this.draft;
    const body = draft.text.trim();
    const withFiles = this.files.chosen.length > 0;
    if ((!body && !withFiles) || this.sending) return;
    const conversationId = this.conversation.id;
    this.sending = true;
    this.error = "";
    this.typingSignal.stop();
    let attachments: string[] = [];
    try {
      attachments = await this.files.upload();
    } catch (err) {
      this.sending = false;
      this.error = t(this.locale, "sendFailed", { reason: describeError(err, this.locale) });
      return;
    }
    const ack = await this.store.transcripts.send(conversationId, body, {
      attachments,
      kind: draft.note ? "note" : "text",
      cannedReplyId: draft.note ? undefined : draft.canned?.id,
      summary: !draft.note && draft.summary,
    });
    this.sending = false;
    if (ack.ok) {
      if (withFiles) this.files.clear();
      this.drafts.set(conversationId, { text: "", note: draft.note, summary: false });
      this.requestUpdate();
    } else {
      this.error = t(this.locale, "sendFailed", { reason: this.store.connection.errorText(ack.error) });
    }
    void this.updateComplete.then(() => this.box?.focus());
  }

  /** " It sends the file …": the operator knows before sending that the reply carries a file. */
  private cannedFileNote(replyId: string): string {
    const file = this.canned.replies.find((r) => r.id === replyId)?.attachment;
    return file ? ` ${t(this.locale, "cannedSendsFile", { name: file.name })}` : "";
  }

  /** A screenshot pasted into the reply box goes with the message, as a chosen file. */
  private onPaste(event: ClipboardEvent): void {
    const pasted = [...(event.clipboardData?.files ?? [])];
    if (pasted.length === 0) return;
    event.preventDefault();
    this.files.add(pasted);
  }

  // ---- hints ----

  private hints(draft: Draft, messages: Message[]) {
    const c = this.conversation;
    const operatorTexts = messages.filter((m) => m.kind === "text" && m.author.type === "operator");
    const name = c.visitor.name?.trim();
    const context = {
      locale: this.locale,
      phase: c.phase,
      formal: true,
      visitorName: name,
      operatorTextsSent: operatorTexts.length,
      nameUsedBefore: Boolean(name) && operatorTexts.some((m) => name!.split(/\s+/).some((part) => part.length > 1 && m.body.includes(part))),
      visitorWaitingSeconds: c.awaitingReplySince ? (this.store.now - Date.parse(c.awaitingReplySince)) / 1000 : 0,
    };
    const askedToHold = operatorTexts.some((m) => asksLeaveToHold(m.body));
    return etiquetteHints(draft.text, { ...context, askedToHold });
  }

  protected override render() {
    const l = this.locale;
    const c = this.conversation;
    const draft = this.draft;
    const closed = c.status === "closed";
    const phaseReplies = this.canned.replies.filter((r) => r.phases.includes(c.phase));
    const options = this.completions;
    const activeIndex = Math.min(this.completionIndex, options.length - 1);
    const messages = this.store.transcripts.get(c.id)?.messages ?? [];
    const hints = draft.note ? [] : this.hints(draft, messages);
    const unknown = findUnknownPlaceholders(draft.text);
    const boxLabel = draft.note ? t(l, "noteBox") : t(l, "reply");
    return html`
      <div class="composer ${draft.note ? "note-mode" : ""}">
        <section class="canned" aria-labelledby="canned-heading">
          <h3 id="canned-heading">${t(l, "cannedForPhase", { phase: PHASE_LABELS[l][c.phase] })}</h3>
          ${phaseReplies.length === 0
            ? html`<p class="empty">${t(l, "cannedNone")}</p>`
            : html`<ul class="canned-titles">
                ${phaseReplies.map(
                  (r) => html`<li>
                    <button type="button" class="canned-title" ?disabled=${closed} @click=${() => this.useReply(r)} title=${this.fill(r)}>
                      ${r.title}${r.shortcut ? html` <kbd>/${r.shortcut}</kbd>` : null}
                    </button>
                  </li>`,
                )}
              </ul>`}
        </section>
        <div class="write">
          <div class="method-tools">
            <button type="button" ?disabled=${closed} @click=${() => this.clarify()}>${t(l, "clarify")}</button>
            <button type="button" ?disabled=${closed} @click=${this.summarise}>${t(l, "summarise")}</button>
            <span class="help">${this.selection ? t(l, "selected", { text: this.selection }) : t(l, "clarifyHelp")}</span>
          </div>
          ${draft.canned ? html`<p class="draft-source">${t(l, "cannedBasedOn", { title: draft.canned.title })}${this.cannedFileNote(draft.canned.id)}</p>` : null}
          ${draft.summary
            ? html`<p class="draft-source summary-mode">
                ${t(l, "summaryMode")}
                <button type="button" class="link" @click=${() => this.setDraft({ summary: false })}>${t(l, "summaryModeOff")}</button>
              </p>`
            : null}
          <label for="reply-box" class="box-label">${boxLabel}</label>
          <div class="box-row">
            <textarea
              id="reply-box"
              rows="3"
              .value=${draft.text}
              ?disabled=${closed}
              aria-describedby="composer-help"
              aria-autocomplete="list"
              aria-controls=${options.length ? "shortcut-list" : ""}
              aria-activedescendant=${options.length ? `shortcut-${options[activeIndex].id}` : ""}
              @input=${this.onInput}
              @keydown=${this.onKeyDown}
              @paste=${this.onPaste}
              @blur=${() => this.typingSignal.stop()}
            ></textarea>
            <lc-attach-files .conversationId=${c.id} .locale=${l} .token=${this.store.token} ?disabled=${closed} @files-changed=${() => this.requestUpdate()}></lc-attach-files>
            <button type="button" class="primary send" ?disabled=${closed || this.sending || (!draft.text.trim() && !this.files?.chosen.length)} @click=${() => void this.send()}>
              ${draft.note ? t(l, "addNote") : t(l, "send")}
            </button>
          </div>
          ${options.length
            ? html`<ul id="shortcut-list" role="listbox" aria-label=${t(l, "shortcutList")} class="completions">
                ${options.map(
                  (r, i) => html`<li
                    role="option"
                    id="shortcut-${r.id}"
                    aria-selected=${i === activeIndex ? "true" : "false"}
                    @mousedown=${(e: Event) => {
                      e.preventDefault();
                      this.complete(r);
                    }}
                  >
                    ${r.shortcut ? html`<kbd>/${r.shortcut}</kbd> ` : null}${r.title}
                  </li>`,
                )}
              </ul>`
            : null}
          <div class="composer-foot">
            <label class="note-toggle">
              <input type="checkbox" .checked=${draft.note} ?disabled=${closed} @change=${(e: Event) => this.setDraft({ note: (e.target as HTMLInputElement).checked })} />
              ${t(l, "noteMode")}
            </label>
            <span id="composer-help" class="help">${draft.note ? t(l, "noteHelp") : t(l, "composerHelp")}</span>
          </div>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
          <div class="hints" aria-live="polite">
            ${unknown.length ? html`<p class="hint warn">${t(l, "unknownPlaceholders", { names: unknown.join(", ") })}</p>` : null}
            ${hints.length
              ? html`<ul aria-label=${t(l, "hints")}>
                  ${hints.map((h) => html`<li class="hint" data-code=${h.code}>${h.message}</li>`)}
                </ul>`
              : null}
          </div>
        </div>
      </div>
    `;
  }
}

// <live-chat-panel>: the opened chat. Loaded on first open together with the socket client.
import { LitElement, html, nothing, type PropertyValues } from "lit";
import type { Locale, Message, WidgetSettings } from "@live-chat/protocol";
import { LIMITS, PHONE_PATTERN } from "@live-chat/protocol/limits";
import { format } from "../locale.js";
import { readStored, writeStored } from "../storage.js";
import { ChatSession, type PendingMessage } from "./chat-session.js";
import { linkify } from "./linkify.js";
import { PANEL_STRINGS, type Strings } from "../i18n/panel.js";
import { panelStyles } from "./styles.js";
import { downloadText, transcriptText } from "./transcript.js";

const icon = (d: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d} /></svg>`;
const ICONS = {
  minimise: "M6 9l6 6 6-6",
  copy: "M9 9h10v11H9zM5 15V4h10",
  download: "M12 4v11m-5-5l5 5 5-5M5 20h14",
  end: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h9",
};

type DraftField = "name" | "email" | "body";
const DRAFT_FIELDS: Record<string, DraftField> = { "intro-name": "name", "offline-name": "name", "intro-email": "email", "offline-email": "email", message: "body" };

const CLOCK_FORMATS = new Map<string, Intl.DateTimeFormat>();
function clockFormat(locale: string): Intl.DateTimeFormat {
  let f = CLOCK_FORMATS.get(locale);
  if (!f) CLOCK_FORMATS.set(locale, (f = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" })));
  return f;
}

export class LiveChatPanel extends LitElement {
  static override properties = {
    server: {},
    locale: {},
    visitorName: {},
    visitorEmail: {},
    identity: {},
    open: { type: Boolean },
    side: {},
    settings: { state: true },
    confirmingEnd: { state: true },
    announcement: { state: true },
    offlineSent: { state: true },
    leavingMessage: { state: true },
    callbackWanted: { state: true },
    formError: { state: true },
    rating: { state: true },
    rated: { state: true },
  };

  declare server: string;
  declare locale: Locale;
  declare visitorName: string | undefined;
  declare visitorEmail: string | undefined;
  declare identity: string | undefined;
  declare open: boolean;
  declare side: "left" | "right";
  declare settings: WidgetSettings | undefined;
  declare confirmingEnd: boolean;
  declare announcement: string;
  /** Set once an offline message is stored: when the visitor will hear back, and how. */
  declare offlineSent: { dueAt?: string; callback: boolean } | undefined;
  /** The visitor chose to leave a message rather than wait (their queued chat stays until it is sent). */
  declare leavingMessage: boolean;
  declare callbackWanted: boolean;
  declare formError: string;
  declare rating: number;
  declare rated: boolean;

  private session: ChatSession | undefined;
  private unread = 0;
  /** Which view is showing, so focus moves to its first field when it changes under the visitor. */
  private view: "chat" | "offline" | "ended" = "chat";
  private focusedView: string | undefined;
  private renderedShown = "";
  /** What countUnread last looked at, so it reads storage only when the chat, its last seq or open changed. */
  private unreadKey = "";
  /** The session's pending messages, read once per render: each read parses localStorage. */
  private shownPending: PendingMessage[] = [];
  /** What the visitor typed but did not send, so it survives a switch between the chat and the message form. */
  private draft: Record<DraftField, string> = { name: "", email: "", body: "" };

  constructor() {
    super();
    this.open = false;
    this.side = "right";
    this.confirmingEnd = false;
    this.announcement = "";
    this.formError = "";
    this.rating = 0;
    this.rated = false;
    this.leavingMessage = false;
    this.callbackWanted = false;
  }

  static override styles = panelStyles;

  private get t(): Strings {
    return PANEL_STRINGS[this.locale];
  }

  override connectedCallback(): void {
    this.session ??= new ChatSession(this, {
      server: this.server,
      locale: this.locale,
      name: this.visitorName,
      email: this.visitorEmail,
      identity: this.identity,
      onSettings: (s) => {
        this.settings = s;
        this.emit("live-chat-settings", s);
      },
    });
    super.connectedCallback();
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.open && (changed.has("open") || this.view !== this.focusedView)) {
      this.focusedView = this.view;
      // On a touch screen a focused field opens the keyboard over half the panel before the visitor has
      // read it: focus the dialog itself there (screen readers still land inside it).
      const touch = matchMedia("(pointer: coarse)").matches;
      const target = touch ? "section.panel" : "#message, #offline-name, .ended input, .ended button";
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    }
    this.countUnread();
    const count = (this.session?.messages.length ?? 0) + this.shownPending.length;
    // The rating form takes room from the list when the chat ends: keep the last message in sight.
    const shown = `${count}:${this.view}`;
    if (shown !== this.renderedShown || changed.has("open")) {
      this.renderedShown = shown;
      const list = this.renderRoot.querySelector(".messages");
      list?.scrollTo({ top: list.scrollHeight });
    }
  }

  /** Unread = messages to the visitor after the last one seen with the chat open; survives reloads. */
  private countUnread(): void {
    const s = this.session;
    const c = s?.conversation;
    if (!s || !c) return;
    const lastSeq = s.lastSeq();
    const key = `${c.id}:${lastSeq}:${this.open}`;
    if (key === this.unreadKey) return;
    this.unreadKey = key;
    const seen = readStored<{ conversationId: string; seq: number }>(this.server, "seen");
    const seenSeq = seen?.conversationId === c.id ? seen.seq : 0;
    if (this.open && lastSeq > seenSeq) writeStored(this.server, "seen", { conversationId: c.id, seq: lastSeq });
    const unread = this.open ? 0 : s.messages.filter((m) => m.seq > seenSeq && m.author.type !== "visitor").length;
    if (unread !== this.unread) this.emit("live-chat-unread", (this.unread = unread));
  }

  private systemText(m: Message): string {
    const template = m.meta?.systemKey ? this.t.system[m.meta.systemKey] : undefined;
    return template ? format(template, m.meta?.params ?? {}) : m.body;
  }

  private time(iso: string): string {
    return clockFormat(this.locale).format(new Date(iso));
  }

  // ---- actions ----

  private onComposerKeydown(event: KeyboardEvent): void {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.sendFromComposer();
    }
  }

  private sendFromComposer(event?: Event): void {
    event?.preventDefault();
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>("#message");
    const emailField = this.renderRoot.querySelector<HTMLInputElement>("#intro-email");
    if (!box || !this.session || !box.value.trim()) return;
    if (emailField && !emailField.reportValidity()) return;
    this.session.intro = {
      name: this.renderRoot.querySelector<HTMLInputElement>("#intro-name")?.value,
      email: emailField?.value,
    };
    this.session.send(box.value);
    box.value = "";
    this.draft.body = "";
    box.focus();
  }

  private keepDraft(event: Event): void {
    const field = event.target as HTMLInputElement;
    const key = DRAFT_FIELDS[field.id];
    if (key) this.draft[key] = field.value;
  }

  private async endChat(): Promise<void> {
    this.confirmingEnd = false;
    // On success updated() moves focus into the rating form, as on every change of view.
    if (!(await this.session?.leave())) this.formError = this.t.errorGeneric;
  }

  private async submitRating(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.rating || !this.session) return;
    const comment = this.renderRoot.querySelector<HTMLTextAreaElement>("#rating-comment")?.value ?? "";
    if (await this.session.rate(this.rating, comment)) this.rated = true;
    else this.formError = this.t.errorGeneric;
  }

  private async submitOffline(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const s = this.session;
    if (!form.reportValidity() || !s) return;
    const value = (id: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)?.value.trim() ?? "";
    const phone = value("offline-phone") || undefined;
    const callback = this.callbackWanted && phone !== undefined;
    const ack = await s.sendOffline({ name: value("offline-name"), email: value("offline-email"), body: value("message"), phone, callbackRequested: callback || undefined });
    if (!ack?.ok) {
      this.formError = ack && !ack.ok ? ack.error.message : this.t.errorGeneric;
      return;
    }
    this.formError = "";
    this.draft.body = "";
    // The message takes the queued chat's place only once it is stored, so a failed send loses nothing.
    if (this.leavingMessage && s.conversation && !s.ended) await s.leave();
    this.offlineSent = { dueAt: ack.dueAt, callback };
  }

  /** When the answer is due, in the visitor's own time zone and language. */
  private dueText(iso: string): string {
    const due = new Date(iso);
    const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const days = Math.round((midnight(due) - midnight(new Date())) / 86_400_000);
    const time = this.time(iso);
    if (days === 0) return format(this.t.dueToday, { time });
    if (days === 1) return format(this.t.dueTomorrow, { time });
    return new Intl.DateTimeFormat(this.locale, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" }).format(due);
  }

  /** The expected wait passes the limit the admin set: offer a message instead. */
  private waitTooLong(): boolean {
    const limit = this.settings?.waitLimitSeconds;
    const wait = this.session?.expectedWaitSeconds();
    return limit !== undefined && wait !== undefined && wait > limit;
  }

  private transcript(): string {
    return transcriptText(this.session?.messages ?? [], this.t, this.locale, (m) => this.systemText(m));
  }

  private async copyTranscript(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.transcript());
      this.announcement = this.t.copied;
    } catch {
      this.announcement = this.t.errorGeneric;
    }
  }

  private startOver(): void {
    this.rated = false;
    this.rating = 0;
    this.offlineSent = undefined;
    this.leavingMessage = false;
    this.callbackWanted = false;
    this.session?.startOver();
  }

  // ---- rendering ----

  protected override willUpdate(): void {
    const s = this.session;
    if (s?.refusedWhileClosed.length) {
      this.draft.body = [...s.refusedWhileClosed, this.draft.body].filter(Boolean).join("\n\n");
      s.refusedWhileClosed = [];
    }
  }

  protected override render() {
    const s = this.session;
    if (!s) return nothing;
    this.shownPending = s.pending();
    const t = this.t;
    const c = s.conversation;
    const showOfflineForm = this.leavingMessage || this.offlineSent !== undefined || (!c && !s.ended && !this.available() && this.shownPending.length === 0);
    this.view = showOfflineForm ? "offline" : s.ended ? "ended" : "chat";
    return html`<section class="panel ${this.side}" role="dialog" aria-label=${t.title} tabindex="-1" @input=${this.keepDraft}>
      <header>
        <div class="heading">
          <h2>${t.title}</h2>
          ${c?.operator && !s.ended ? html`<p>${format(t.assigned, { name: c.operator.name })}</p>` : nothing}
        </div>
        ${s.messages.length
          ? html`<button type="button" class="icon" aria-label=${t.copyTranscript} title=${t.copyTranscript} @click=${this.copyTranscript}>${icon(ICONS.copy)}</button>
              <button type="button" class="icon" aria-label=${t.downloadTranscript} title=${t.downloadTranscript} @click=${() => downloadText(this.transcript(), "chat-transcript.txt")}>
                ${icon(ICONS.download)}
              </button>`
          : nothing}
        ${c && !s.ended
          ? html`<button type="button" class="icon" aria-label=${t.endChat} title=${t.endChat} @click=${() => (this.confirmingEnd = true)}>${icon(ICONS.end)}</button>`
          : nothing}
        <button type="button" class="icon" aria-label=${t.minimise} title=${t.minimise} @click=${() => this.emit("live-chat-close", null)}>${icon(ICONS.minimise)}</button>
      </header>
      ${s.connection !== "online" ? html`<p class="banner" role="status">${s.connection === "offline" ? t.offlineBanner : t.connecting}</p>` : nothing}
      ${this.confirmingEnd
        ? html`<div class="confirm" role="alertdialog" aria-label=${t.endChat}>
            <p>${t.endChatQuestion}</p>
            <button type="button" class="primary" @click=${this.endChat}>${t.endChatConfirm}</button>
            <button type="button" @click=${() => (this.confirmingEnd = false)}>${t.cancel}</button>
          </div>`
        : nothing}
      ${showOfflineForm ? this.renderOfflineForm() : this.renderChat()}
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="sr" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private available(): boolean {
    const a = this.session?.availability;
    return !a || (a.operatorsOnline && a.open);
  }

  private greeting(): string {
    return this.settings?.greeting?.[this.locale] || this.t.greeting;
  }

  private renderChat() {
    const s = this.session!;
    const t = this.t;
    const c = s.conversation;
    const summaryId = s.ended ? undefined : this.openSummaryId();
    // The list itself is the live region: a new message is announced once, without a hidden copy of its text.
    return html`<ol class="messages" role="log" aria-live="polite">
        ${!s.messages.length && !this.shownPending.length ? html`<li class="system">${this.greeting()}</li>` : nothing}
        ${s.messages.map((m) => this.renderMessage(m, m.id === summaryId))} ${this.shownPending.map((p) => this.renderPending(p))}
      </ol>
      ${s.operatorTyping && !s.ended ? html`<p class="typing">${format(t.typing, { name: s.operatorTyping })}</p>` : nothing}
      ${!s.ended && c?.status === "queued"
        ? html`<div class="queue"><p role="status">${this.queueText()}</p>${this.waitTooLong() ? this.renderLeaveOffer(t.longWaitQueued) : nothing}</div>`
        : nothing}
      ${!c && !s.ended && !this.shownPending.length && this.waitTooLong() ? html`<div class="queue">${this.renderLeaveOffer(this.longWaitText())}</div>` : nothing}
      ${s.ended ? this.renderEnded() : this.renderComposer()}`;
  }

  private queueText(): string {
    const q = this.session?.queue;
    const t = this.t;
    if (!q) return t.waiting;
    const minutes = Math.max(1, Math.ceil(q.estimatedWaitSeconds / 60));
    if (q.position <= 1 && q.estimatedWaitSeconds < 60) return t.queueFirst;
    return format(minutes === 1 ? t.queueOne : t.queueMany, { position: q.position, minutes });
  }

  private longWaitText(): string {
    const minutes = Math.ceil((this.session?.expectedWaitSeconds() ?? 0) / 60);
    return minutes <= 1 ? this.t.longWaitBeforeOne : format(this.t.longWaitBefore, { minutes });
  }

  private renderLeaveOffer(text: string) {
    return html`<p>${text}</p>
      <button type="button" @click=${() => (this.leavingMessage = true)}>${this.t.leaveMessage}</button>`;
  }

  private openSummaryId(): string | undefined {
    const messages = this.session?.messages ?? [];
    const last = messages[messages.length - 1];
    return last?.meta?.summary && !last.meta.summaryAnswer && last.author.type === "operator" ? last.id : undefined;
  }

  private renderMessage(m: Message, asksSummary: boolean) {
    if (m.kind === "system") return html`<li class="system">${this.systemText(m)}</li>`;
    const own = m.author.type === "visitor";
    const t = this.t;
    return html`<li class="msg ${own ? "own" : "them"}">
      ${own ? nothing : html`<span class="author">${m.author.name ?? t.someone}</span>`}
      <div class="bubble">${linkify(m.body)}</div>
      <span class="meta"><time datetime=${m.createdAt}>${this.time(m.createdAt)}</time>${own ? html` · ${t.sent}` : nothing}</span>
      ${asksSummary
        ? html`<div class="choices">
            <button type="button" @click=${() => this.session?.answerSummary(m.id, "yes")}>${t.summaryYes}</button>
            <button type="button" @click=${() => this.session?.answerSummary(m.id, "no")}>${t.summaryNo}</button>
          </div>`
        : nothing}
    </li>`;
  }

  private renderPending(p: PendingMessage) {
    const t = this.t;
    const failed = p.state === "failed";
    return html`<li class="msg own ${failed ? "failed" : "pending"}">
      <div class="bubble">${linkify(p.body)}</div>
      <span class="meta"
        ><time datetime=${p.createdAt}>${this.time(p.createdAt)}</time> · ${failed ? t.failed : t.sending}
        ${failed ? html`<button type="button" class="link" @click=${() => this.session?.retry(p.clientId)}>${t.retry}</button>` : nothing}</span
      >
    </li>`;
  }

  private renderComposer() {
    const t = this.t;
    const s = this.session!;
    const askIntro = !s.conversation && !this.shownPending.length && !this.visitorName;
    return html`<form class="composer" @submit=${this.sendFromComposer}>
      ${askIntro
        ? html`<div class="intro">
            <label>${t.yourName}<input id="intro-name" autocomplete="name" maxlength=${LIMITS.name} .value=${this.draft.name} /></label>
            <label>${t.yourEmail}<input id="intro-email" type="email" autocomplete="email" maxlength=${LIMITS.email} .value=${this.draft.email} /></label>
          </div>`
        : nothing}
      <div class="row">
        <label class="sr" for="message">${t.message}</label>
        <textarea
          id="message"
          .value=${this.draft.body}
          rows="2"
          maxlength=${LIMITS.messageBody}
          placeholder=${t.placeholder}
          @keydown=${this.onComposerKeydown}
          @input=${(e: InputEvent) => this.session?.setTyping((e.target as HTMLTextAreaElement).value.length > 0)}
        ></textarea>
        <button type="submit" class="primary">${t.send}</button>
      </div>
    </form>`;
  }

  private renderOfflineForm() {
    const t = this.t;
    const s = this.session!;
    const c = s.conversation;
    const sent = this.offlineSent;
    if (sent)
      return html`<div class="notice" role="status">
        <p>${sent.dueAt ? format(sent.callback ? t.offlineSentCallback : t.offlineSent, { due: this.dueText(sent.dueAt) }) : t.offlineSentSoon}</p>
        ${this.available() ? html`<button type="button" @click=${this.startOver}>${t.newChat}</button>` : nothing}
      </div>`;
    const waiting = this.leavingMessage && c && !s.ended;
    const notice = !this.leavingMessage
      ? s.availability && !s.availability.open
        ? s.availability.opensAt
          ? format(t.closedUntil, { when: this.dueText(s.availability.opensAt) })
          : t.closedNow
        : t.nobodyOnline
      : !waiting
        ? t.formIntroBusy
        : c.operator
          ? format(t.formOperatorReady, { name: c.operator.name })
          : t.formIntro;
    const sentSoFar = waiting ? [...s.messages.filter((m) => m.kind === "text" && m.author.type === "visitor"), ...this.shownPending].map((m) => m.body) : [];
    const typedSoFar = [...sentSoFar, this.draft.body].filter(Boolean).join("\n\n");
    return html`<form class="offline" @submit=${this.submitOffline}>
      <p class="notice" role="status">${notice}</p>
      <label>${t.offlineName}<input id="offline-name" required autocomplete="name" maxlength=${LIMITS.name} .value=${this.draft.name || this.visitorName || s.intro.name || ""} /></label>
      <label>${t.offlineEmail}<input id="offline-email" type="email" required autocomplete="email" maxlength=${LIMITS.email} .value=${this.draft.email || this.visitorEmail || s.intro.email || ""} /></label>
      <label
        >${this.callbackWanted ? t.offlinePhoneNeeded : t.offlinePhone}<input
          id="offline-phone"
          type="tel"
          autocomplete="tel"
          maxlength=${LIMITS.phone}
          pattern=${PHONE_PATTERN}
          ?required=${this.callbackWanted}
      /></label>
      <label class="check"
        ><input id="offline-callback" type="checkbox" .checked=${this.callbackWanted} @change=${(e: Event) => (this.callbackWanted = (e.target as HTMLInputElement).checked)} />${t.callback}</label
      >
      <label>${t.message}<textarea id="message" rows="4" required maxlength=${LIMITS.messageBody} .value=${typedSoFar}></textarea></label>
      <div class="actions">
        <button type="submit" class="primary">${t.send}</button>
        ${this.leavingMessage ? html`<button type="button" @click=${() => (this.leavingMessage = false)}>${t.backToChat}</button>` : nothing}
      </div>
    </form>`;
  }

  private renderEnded() {
    const t = this.t;
    return html`<div class="ended">
      <p>${t.ended}</p>
      ${this.rated
        ? html`<p role="status">${t.rated}</p>`
        : html`<form @submit=${this.submitRating}>
            <fieldset class="stars">
              <legend>${t.rateQuestion}</legend>
              ${[1, 2, 3, 4, 5].map(
                (score) => html`<label class=${score <= this.rating ? "on" : ""}>
                  <input type="radio" name="score" .value=${String(score)} @change=${() => (this.rating = score)} />
                  <span aria-hidden="true">★</span><span class="sr">${format(t.rateScore, { score })}</span>
                </label>`,
              )}
            </fieldset>
            <label>${t.rateComment}<textarea id="rating-comment" rows="2" maxlength=${LIMITS.comment}></textarea></label>
            <button type="submit" class="primary" ?disabled=${!this.rating}>${t.rateSend}</button>
          </form>`}
      <button type="button" @click=${this.startOver}>${t.newChat}</button>
    </div>`;
  }
}

if (!customElements.get("live-chat-panel")) customElements.define("live-chat-panel", LiveChatPanel);

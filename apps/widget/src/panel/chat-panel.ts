// <live-chat-panel>: the opened chat. Loaded on first open together with the socket client. It holds the
// session and picks the view; its child elements render their part and raise what the visitor did.
// The visitor's language table, the end-of-chat view, the message form and the upload code are chunks of
// their own, fetched when they are about to be needed, so opening the chat loads only what it shows.
import { LitElement, html, nothing, type PropertyValues } from "lit";
import type { InvitationPayload, Locale, WidgetSettings } from "@live-chat/protocol";
import { loadStrings, stringsFor, type Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import { ChatSession, type PendingMessage } from "./chat-session.js";
import { loadUploads } from "./outbox.js";
import type { ComposedMessage, Composer } from "./composer.js";
import type { Rating } from "./ended-view.js";
import { systemText, type MessageList } from "./message-list.js";
import type { OfflineMessage } from "./offline-form.js";
import { define, emit } from "./part.js";
import { panelStyles } from "./chat-panel-styles.js";
import { downloadText, transcriptText } from "./transcript.js";
import { UnreadCount } from "./unread.js";
import "./chat-header.js";
import "./composer.js";
import "./message-list.js";
import "./queue-notice.js";

type DraftField = "name" | "email" | "body";
const DRAFT_FIELDS: Record<string, DraftField> = { "intro-name": "name", "offline-name": "name", "intro-email": "email", "offline-email": "email", message: "body" };
/** Where focus goes when a view appears: its element, and the field in it. */
const FIRST_FIELD = { chat: ["live-chat-composer", "#message"], offline: ["live-chat-offline-form", "#offline-name"], ended: ["live-chat-ended", "input, button"] };

export class LiveChatPanel extends LitElement {
  static override properties = {
    server: {},
    locale: {},
    visitorName: {},
    visitorEmail: {},
    identity: {},
    trackPages: {},
    invitation: {},
    open: { type: Boolean },
    side: {},
    settings: { state: true },
    announcement: { state: true },
    offlineSent: { state: true },
    leavingMessage: { state: true },
    formError: { state: true },
    rated: { state: true },
    transcriptMail: { state: true },
  };

  declare server: string;
  declare locale: Locale;
  declare visitorName: string | undefined;
  declare visitorEmail: string | undefined;
  declare identity: string | undefined;
  declare trackPages: boolean;
  /** The invitation the visitor answered by opening the chat: shown first, and the chat starts as its answer. */
  declare invitation: InvitationPayload | undefined;
  declare open: boolean;
  declare side: "left" | "right";
  declare settings: WidgetSettings | undefined;
  declare announcement: string;
  /** Set once an offline message is stored: when the visitor will hear back, and how. */
  declare offlineSent: { dueAt?: string; callback: boolean } | undefined;
  /** The visitor chose to leave a message rather than wait (their queued chat stays until it is sent). */
  declare leavingMessage: boolean;
  declare formError: string;
  declare rated: boolean;
  /** The transcript by mail: where it went, or why it did not. */
  declare transcriptMail: { sentTo: string; failed: string };

  private session: ChatSession | undefined;
  private unread: UnreadCount | undefined;
  /** Which view is showing, so focus moves to its first field when it changes under the visitor. */
  private view: keyof typeof FIRST_FIELD = "chat";
  private focusedView: string | undefined;
  private renderedShown = "";
  /** The session's pending messages, read once per render: each read parses localStorage. */
  private shownPending: PendingMessage[] = [];
  /** What the visitor typed but did not send, so it survives a switch between the chat and the message form. */
  private draft: Record<DraftField, string> = { name: "", email: "", body: "" };
  /** The last table shown: while another language loads, the chat keeps speaking this one. */
  private shownStrings: Strings | undefined;
  private endedView: Promise<unknown> | undefined;
  private offlineForm: Promise<unknown> | undefined;

  constructor() {
    super();
    this.open = false;
    this.side = "right";
    this.announcement = "";
    this.formError = "";
    this.rated = false;
    this.transcriptMail = { sentTo: "", failed: "" };
    this.leavingMessage = false;
  }

  /** Set once a table arrived: render() shows nothing before that, and the widget waits for it before showing the panel. */
  private get t(): Strings {
    return (this.shownStrings = stringsFor(this.locale) ?? this.shownStrings)!;
  }

  /** The message form, fetched as soon as the service is unavailable or a queued visitor may choose to leave a message. */
  private loadOfflineForm(): void {
    this.offlineForm ??= import("./offline-form.js").catch(() => (this.offlineForm = undefined));
  }

  /** The rating and transcript-by-mail view, fetched when the chat nears its end; a failed fetch is tried again. */
  private loadEndedView(): void {
    this.endedView ??= import("./ended-view.js").catch(() => (this.endedView = undefined));
  }

  override connectedCallback(): void {
    this.unread ??= new UnreadCount(this.server);
    this.session ??= new ChatSession(this, {
      server: this.server,
      locale: this.locale,
      name: this.visitorName,
      email: this.visitorEmail,
      identity: this.identity,
      trackPages: this.trackPages,
      onSettings: (s) => {
        this.settings = s;
        emit(this, "live-chat-settings", s);
      },
      // Nothing of the erased visitor stays on screen, not even the name they typed.
      onErased: () => {
        this.draft = { name: "", email: "", body: "" };
        this.startOver();
      },
    });
    super.connectedCallback();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.countUnread();
    const count = (this.session?.messages.length ?? 0) + this.shownPending.length;
    const focus = this.open && (changed.has("open") || this.view !== this.focusedView);
    // The rating form takes room from the list when the chat ends: keep the last message in sight.
    const shown = `${count}:${this.view}`;
    const scroll = shown !== this.renderedShown || changed.has("open");
    if (focus) this.focusedView = this.view;
    this.renderedShown = shown;
    if (focus || scroll) void this.afterChildren(focus, scroll);
  }

  /** Focus and scrolling wait for the child elements, which render after the panel. */
  private async afterChildren(focus: boolean, scroll: boolean): Promise<void> {
    // A lazily fetched part (the end view) is upgraded only once its chunk arrives.
    const parts = [...this.renderRoot.querySelectorAll<LitElement>("section > *")];
    await Promise.all(parts.map(async (p) => p.localName.includes("-") && (await customElements.whenDefined(p.localName), await p.updateComplete)));
    if (scroll) this.renderRoot.querySelector<MessageList>("live-chat-messages")?.scrollToEnd();
    if (!focus) return;
    // On a touch screen a focused field opens the keyboard over half the panel before the visitor has
    // read it: focus the dialog itself there (screen readers still land inside it).
    const [part, field] = FIRST_FIELD[this.view];
    const target = matchMedia("(pointer: coarse)").matches ? this.renderRoot.querySelector("section") : this.renderRoot.querySelector(part)?.shadowRoot?.querySelector(field);
    (target as HTMLElement | null | undefined)?.focus();
  }

  /** Unread = messages to the visitor after the last one seen with the chat open; survives reloads. */
  private countUnread(): void {
    const s = this.session;
    const c = s?.conversation;
    if (!s || !c) return;
    const unread = this.unread?.update(c.id, s.messages, this.open);
    if (unread !== undefined) emit(this, "live-chat-unread", unread);
  }

  // ---- what the visitor did, raised by the child elements ----

  /** Inputs sit in the children's shadow roots: the original target still names the field. */
  private keepDraft(event: Event): void {
    const field = event.composedPath()[0] as HTMLInputElement;
    const key = DRAFT_FIELDS[field.id];
    if (key) this.draft[key] = field.value;
  }

  private send({ detail }: CustomEvent<ComposedMessage>): void {
    if (!this.session) return;
    this.session.intro = { name: detail.name, email: detail.email };
    void this.session.send(detail.body, detail.files);
    this.draft.body = "";
  }

  /** Files dropped anywhere on the panel join the composer's, to be sent with the next message. */
  private drop(event: DragEvent): void {
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    event.preventDefault();
    this.renderRoot.querySelector<Composer>("live-chat-composer")?.addFiles(files);
  }

  private async endChat(): Promise<void> {
    // On success the view changes, and focus moves into the rating form.
    if (!(await this.session?.leave())) this.formError = this.t.errorGeneric;
  }

  private async rate({ detail }: CustomEvent<Rating>): Promise<void> {
    if (await this.session?.rate(detail.score, detail.comment)) this.rated = true;
    else this.formError = this.t.errorGeneric;
  }

  private async emailTranscript({ detail }: CustomEvent<string>): Promise<void> {
    const ack = await this.session?.emailTranscript(detail);
    this.transcriptMail = ack?.ok ? { sentTo: detail, failed: "" } : { sentTo: "", failed: ack && !ack.ok ? ack.error.message : this.t.errorGeneric };
  }

  private async sendOffline({ detail }: CustomEvent<OfflineMessage>): Promise<void> {
    const s = this.session;
    if (!s) return;
    const ack = await s.sendOffline(detail);
    if (!ack?.ok) {
      this.formError = ack && !ack.ok ? ack.error.message : this.t.errorGeneric;
      return;
    }
    this.formError = "";
    this.draft.body = "";
    // The message takes the queued chat's place only once it is stored, so a failed send loses nothing.
    if (this.leavingMessage && s.conversation && !s.ended) await s.leave();
    this.offlineSent = { dueAt: ack.dueAt, callback: detail.callbackRequested === true };
  }

  private transcript(): string {
    return transcriptText(this.session?.messages ?? [], this.t, this.locale, (m) => systemText(m, this.t));
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
    this.transcriptMail = { sentTo: "", failed: "" };
    this.offlineSent = undefined;
    this.leavingMessage = false;
    this.session?.startOver();
  }

  // ---- rendering ----

  protected override willUpdate(): void {
    if (!stringsFor(this.locale)) void loadStrings(this.locale).then(() => this.requestUpdate(), () => undefined);
    const s = this.session;
    if (s?.ended || s?.conversation?.phase === "closing") this.loadEndedView();
    if (!this.available() || this.leavingMessage || this.offlineSent || s?.conversation?.status === "queued") this.loadOfflineForm();
    if (s) s.answersInvitation = !!this.invitation;
    if (s?.refusedWhileClosed.length) {
      this.draft.body = [...s.refusedWhileClosed, this.draft.body].filter(Boolean).join("\n\n");
      s.refusedWhileClosed = [];
    }
  }

  private available(): boolean {
    const a = this.session?.availability;
    return !a || (a.operatorsOnline && a.open);
  }

  protected override render() {
    const s = this.session;
    if (!s || !this.t) return nothing;
    this.shownPending = s.pending();
    const t = this.t;
    const c = s.conversation;
    const showOfflineForm = this.leavingMessage || this.offlineSent !== undefined || (!c && !s.ended && !this.available() && this.shownPending.length === 0);
    this.view = showOfflineForm ? "offline" : s.ended ? "ended" : "chat";
    return html`<section
      class="panel ${this.side}"
      role="dialog"
      aria-label=${t.title}
      tabindex="-1"
      @input=${this.keepDraft}
      @live-chat-copy=${this.copyTranscript}
      @live-chat-download=${() => downloadText(this.transcript(), "chat-transcript.txt")}
      @live-chat-ending=${this.loadEndedView}
      @live-chat-end=${this.endChat}
      @live-chat-send=${this.send}
      @live-chat-typing=${(e: CustomEvent<boolean>) => s.setTyping(e.detail)}
      @live-chat-retry=${(e: CustomEvent<string>) => s.retry(e.detail)}
      @live-chat-discard=${(e: CustomEvent<string>) => s.discard(e.detail)}
      @dragenter=${() => void loadUploads().catch(() => undefined)}
      @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${this.drop}
      @live-chat-fresh-link=${(e: CustomEvent<[string, string]>) => void s.openFresh(...e.detail)}
      @live-chat-summary-answer=${(e: CustomEvent<{ messageId: string; answer: "yes" | "no" }>) => s.answerSummary(e.detail.messageId, e.detail.answer)}
      @live-chat-leave-message=${() => (this.leavingMessage = true)}
      @live-chat-back=${() => (this.leavingMessage = false)}
      @live-chat-offline=${this.sendOffline}
      @live-chat-rate=${this.rate}
      @live-chat-transcript-email=${this.emailTranscript}
      @live-chat-new-chat=${this.startOver}
    >
      <live-chat-header .t=${t} .operator=${s.ended ? undefined : c?.operator?.name} .hasTranscript=${s.messages.length > 0} .canEnd=${!!c && !s.ended}></live-chat-header>
      ${s.connection === "outdated"
        ? html`<p class="banner" role="alert">${t.outdated} <button type="button" @click=${() => location.reload()}>${t.reload}</button></p>`
        : s.connection !== "online"
          ? html`<p class="banner" role="status">${s.connection === "offline" ? t.offlineBanner : s.connection === "limited" ? t.rateLimited : t.connecting}</p>`
          : nothing}
      ${showOfflineForm ? this.renderOfflineForm() : this.renderChat()}
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="sr" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderChat() {
    const s = this.session!;
    const t = this.t;
    const c = s.conversation;
    const pending = this.shownPending;
    return html`<live-chat-messages
        .t=${t}
        .locale=${this.locale}
        .messages=${s.messages}
        .pending=${pending}
        .greeting=${this.invitation && !c ? format(t.invitationGreeting, { name: this.invitation.operator.name, body: this.invitation.body }) : this.settings?.greeting?.[this.locale] || t.greeting}
        .ended=${s.ended}
        .server=${this.server}
        .progress=${s.progress}
      ></live-chat-messages>
      ${s.operatorTyping && !s.ended ? html`<p class="typing">${format(t.typing, { name: s.operatorTyping })}</p>` : nothing}
      <live-chat-queue
        .t=${t}
        .queue=${s.queue}
        .queued=${!s.ended && c?.status === "queued"}
        .beforeChat=${!c && !s.ended && !pending.length}
        .waitSeconds=${s.expectedWaitSeconds()}
        .limitSeconds=${this.settings?.waitLimitSeconds}
      ></live-chat-queue>
      ${s.ended
        ? html`<live-chat-ended
            .t=${t}
            .rated=${this.rated}
            .email=${this.draft.email || this.visitorEmail || s.intro.email || ""}
            .transcriptSentTo=${this.transcriptMail.sentTo}
            .transcriptFailed=${this.transcriptMail.failed}
          ></live-chat-ended>`
        : html`<live-chat-composer .t=${t} .askIntro=${!c && !pending.length && !this.visitorName} .name=${this.draft.name} .email=${this.draft.email} .body=${this.draft.body}></live-chat-composer>`}`;
  }

  private renderOfflineForm() {
    const s = this.session!;
    const c = s.conversation;
    const a = s.availability;
    const waiting = this.leavingMessage && !!c && !s.ended;
    const sentSoFar = waiting ? [...s.messages.filter((m) => m.kind === "text" && m.author.type === "visitor"), ...this.shownPending].map((m) => m.body) : [];
    return html`<live-chat-offline-form
      .t=${this.t}
      .locale=${this.locale}
      .closed=${!!a && !a.open}
      .opensAt=${a?.opensAt}
      .leaving=${this.leavingMessage}
      .waiting=${waiting}
      .operator=${c?.operator?.name}
      .name=${this.draft.name || this.visitorName || s.intro.name || ""}
      .email=${this.draft.email || this.visitorEmail || s.intro.email || ""}
      .body=${[...sentSoFar, this.draft.body].filter(Boolean).join("\n\n")}
      .sent=${this.offlineSent}
      .canStartOver=${this.available()}
    ></live-chat-offline-form>`;
  }

  static override styles = panelStyles;
}

define("live-chat-panel", LiveChatPanel);

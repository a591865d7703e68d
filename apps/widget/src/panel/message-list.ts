// <live-chat-messages>: the conversation as the visitor sees it, with their own unsent messages after it.
import { LitElement, css, html, nothing } from "lit";
import type { Attachment, Locale, Message } from "@live-chat/protocol";
import { formatFileSize } from "@live-chat/protocol/attachments";
import type { Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import type { PendingMessage } from "./chat-session.js";
import { linkify } from "./linkify.js";
import { clock, controls, define, emit } from "./part.js";

/** A system message in the visitor's language, keyed by the server's meta.systemKey; an unknown key shows the body. */
export function systemText(m: Message, t: Strings): string {
  const template = m.meta?.systemKey ? t.system[m.meta.systemKey] : undefined;
  return template ? format(template, m.meta?.params ?? {}) : m.body;
}

export class MessageList extends LitElement {
  static override properties = { t: {}, locale: {}, messages: {}, pending: {}, greeting: {}, ended: {}, server: {}, progress: {} };

  declare t: Strings;
  declare locale: Locale;
  declare messages: Message[];
  declare pending: PendingMessage[];
  /** Shown while the list is empty. */
  declare greeting: string;
  declare ended: boolean;
  /** The server's origin: attachment links are paths on it, and the widget runs on another site. */
  declare server: string;
  /** Upload progress (0–1) of the pending messages' files, by key. */
  declare progress: ReadonlyMap<string, number>;

  /** The operator's summary the visitor has not answered yet, if it is the latest message. */
  private openSummaryId(): string | undefined {
    const last = this.messages[this.messages.length - 1];
    return !this.ended && last?.meta?.summary && !last.meta.summaryAnswer && last.author.type === "operator" ? last.id : undefined;
  }

  /** Keeps the latest message in sight; the panel calls it once it and its siblings have rendered. */
  scrollToEnd(): void {
    const list = this.renderRoot.querySelector("ol");
    list?.scrollTo({ top: list.scrollHeight });
  }

  /** An image as a thumbnail that opens the full file; any other file as a card with its name and size. */
  private renderAttachment(m: Message, a: Attachment) {
    const url = new URL(a.url, this.server).href;
    // A link lives 15 minutes (`exp`); an older one would answer 410, so the session fetches the message afresh and opens that.
    const follow = (e: Event) => {
      if (Number(new URL(url).searchParams.get("exp")) - 30 > Date.now() / 1000) return;
      e.preventDefault();
      emit(this, "live-chat-fresh-link", [m.id, a.id]);
    };
    return a.thumbnailUrl
      ? html`<a class="file" href=${url} target="_blank" rel="noopener" @click=${follow}><img src=${new URL(a.thumbnailUrl, this.server).href} alt=${a.name} /></a>`
      : html`<a class="file card" href=${url} download=${a.name} target="_blank" rel="noopener" @click=${follow}
          ><span class="name">${a.name}</span> <span class="size">${formatFileSize(a.size, this.locale)}</span></a
        >`;
  }

  private renderMessage(m: Message, asksSummary: boolean) {
    const t = this.t;
    if (m.kind === "system") return html`<li class="system">${systemText(m, t)}</li>`;
    const own = m.author.type === "visitor";
    const answer = (value: "yes" | "no") => emit(this, "live-chat-summary-answer", { messageId: m.id, answer: value });
    return html`<li class="msg ${own ? "own" : "them"}">
      ${own ? nothing : html`<span class="author">${m.author.name ?? t.someone}</span>`}
      ${m.body ? html`<div class="bubble">${linkify(m.body)}</div>` : nothing}
      ${m.attachments?.map((a) => this.renderAttachment(m, a)) ?? nothing}
      <span class="meta"><time datetime=${m.createdAt}>${clock(this.locale, m.createdAt)}</time>${own ? html` · ${t.sent}` : nothing}</span>
      ${asksSummary
        ? html`<div class="choices">
            <button type="button" @click=${() => answer("yes")}>${t.summaryYes}</button>
            <button type="button" @click=${() => answer("no")}>${t.summaryNo}</button>
          </div>`
        : nothing}
    </li>`;
  }

  private renderPending(p: PendingMessage) {
    const t = this.t;
    const failed = p.state === "failed";
    return html`<li class="msg own ${failed ? "failed" : "pending"}">
      ${p.body ? html`<div class="bubble">${linkify(p.body)}</div>` : nothing}
      ${p.files?.map((f) => {
        const done = f.id ? 1 : (this.progress?.get(f.key) ?? 0);
        return html`<span class="file card"
          >${f.name}
          ${failed ? nothing : html`<progress max="1" .value=${done} aria-label=${format(t.uploading, { percent: Math.round(done * 100) })}></progress>`}</span
        >`;
      }) ?? nothing}
      <span class="meta"
        ><time datetime=${p.createdAt}>${clock(this.locale, p.createdAt)}</time> · ${failed ? p.error || t.failed : t.sending}
        ${failed ? html`<button type="button" class="link" @click=${() => emit(this, "live-chat-retry", p.clientId)}>${t.retry}</button>` : nothing}
        ${failed && p.files ? html`<button type="button" class="link" @click=${() => emit(this, "live-chat-discard", p.clientId)}>${t.discard}</button>` : nothing}</span
      >
    </li>`;
  }

  protected override render() {
    const summaryId = this.openSummaryId();
    // The list itself is the live region: a new message is announced once, without a hidden copy of its text.
    return html`<ol role="log" aria-live="polite">
      ${!this.messages.length && !this.pending.length ? html`<li class="system">${this.greeting}</li>` : nothing}
      ${this.messages.map((m) => this.renderMessage(m, m.id === summaryId))} ${this.pending.map((p) => this.renderPending(p))}
    </ol>`;
  }

  static override styles = [
    controls,
    css`
      ol {
        flex: 1;
        overflow-y: auto;
        margin: 0;
        padding: 16px;
        list-style: none;
        display: flex;
        flex-direction: column;
        gap: 10px;
      }
      .msg {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        max-width: 85%;
      }
      .msg.own {
        align-self: flex-end;
        align-items: flex-end;
      }
      .bubble {
        padding: 8px 12px;
        border-radius: 14px;
        background: #f3f4f6;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .own .bubble {
        background: var(--lc-accent);
        color: var(--lc-on-accent, #fff);
      }
      .bubble a {
        color: inherit;
        text-decoration: underline;
      }
      .file {
        margin-top: 4px;
        color: inherit;
      }
      .file img {
        display: block;
        max-width: 200px;
        max-height: 200px;
        border-radius: 10px;
      }
      .card {
        padding: 8px 12px;
        border: 1px solid #d1d5db;
        border-radius: 10px;
        overflow-wrap: anywhere;
      }
      .card .size {
        font-size: 12px;
        color: #4b5563;
      }
      .pending .bubble {
        opacity: 0.75;
      }
      .failed .bubble {
        outline: 2px solid #b91c1c;
      }
      .author,
      .meta,
      .system {
        font-size: 12px;
        color: #4b5563;
      }
      .system {
        align-self: center;
        text-align: center;
        max-width: 90%;
      }
      .choices {
        display: flex;
        gap: 6px;
        margin-top: 6px;
      }
      button.link {
        border: 0;
        padding: 0 2px;
        background: none;
        color: #b91c1c;
        text-decoration: underline;
      }
    `,
  ];
}

define("live-chat-messages", MessageList);

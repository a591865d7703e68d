// <live-chat-offline-form>: leave a message when nobody can chat (or instead of waiting), and the
// thank-you that says when the answer will come. It raises the filled-in form; the panel sends it.
import { LitElement, css, html, nothing } from "lit";
import type { Locale } from "@live-chat/protocol";
import { LIMITS, PHONE_PATTERN } from "@live-chat/protocol/limits";
import type { Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import { clock, controls, define, emit } from "./part.js";

/** The form as the visitor filled it in; `phone` and `callbackRequested` only when given. */
export interface OfflineMessage {
  name: string;
  email: string;
  body: string;
  phone?: string;
  callbackRequested?: true;
}

export class OfflineForm extends LitElement {
  static override properties = {
    t: {},
    locale: {},
    closed: {},
    opensAt: {},
    leaving: {},
    waiting: {},
    operator: {},
    name: {},
    email: {},
    body: {},
    sent: {},
    canStartOver: {},
    callbackWanted: { state: true },
  };

  declare t: Strings;
  declare locale: Locale;
  /** Outside opening hours, rather than nobody online. */
  declare closed: boolean;
  declare opensAt: string | undefined;
  /** The visitor chose to leave a message rather than wait. */
  declare leaving: boolean;
  /** ...and their queued chat is still open, so they keep their place until they send. */
  declare waiting: boolean;
  /** The colleague who took the waiting chat meanwhile. */
  declare operator: string | undefined;
  declare name: string;
  declare email: string;
  declare body: string;
  /** Set once the message is stored: when the visitor will hear back, and how. */
  declare sent: { dueAt?: string; callback: boolean } | undefined;
  declare canStartOver: boolean;
  declare callbackWanted: boolean;

  constructor() {
    super();
    this.callbackWanted = false;
  }

  /** When the answer is due, in the visitor's own time zone and language. */
  private dueText(iso: string): string {
    const t = this.t;
    const due = new Date(iso);
    const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const days = Math.round((midnight(due) - midnight(new Date())) / 86_400_000);
    const time = clock(this.locale, iso);
    if (days === 0) return format(t.dueToday, { time });
    if (days === 1) return format(t.dueTomorrow, { time });
    return new Intl.DateTimeFormat(this.locale, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" }).format(due);
  }

  private notice(): string {
    const t = this.t;
    if (!this.leaving) return this.closed ? (this.opensAt ? format(t.closedUntil, { when: this.dueText(this.opensAt) }) : t.closedNow) : t.nobodyOnline;
    if (!this.waiting) return t.formIntroBusy;
    return this.operator ? format(t.formOperatorReady, { name: this.operator }) : t.formIntro;
  }

  private submit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const value = (id: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)?.value.trim() ?? "";
    const phone = value("offline-phone") || undefined;
    emit<OfflineMessage>(this, "live-chat-offline", {
      name: value("offline-name"),
      email: value("offline-email"),
      body: value("message"),
      phone,
      callbackRequested: (this.callbackWanted && phone !== undefined) || undefined,
    });
  }

  protected override render() {
    const t = this.t;
    const sent = this.sent;
    if (sent)
      return html`<div class="notice" role="status">
        <p>${sent.dueAt ? format(sent.callback ? t.offlineSentCallback : t.offlineSent, { due: this.dueText(sent.dueAt) }) : t.offlineSentSoon}</p>
        ${this.canStartOver ? html`<button type="button" @click=${() => emit(this, "live-chat-new-chat")}>${t.newChat}</button>` : nothing}
      </div>`;
    return html`<form @submit=${this.submit}>
      <p class="notice" role="status">${this.notice()}</p>
      <label>${t.offlineName}<input id="offline-name" required autocomplete="name" maxlength=${LIMITS.name} .value=${this.name} /></label>
      <label>${t.offlineEmail}<input id="offline-email" type="email" required autocomplete="email" maxlength=${LIMITS.email} .value=${this.email} /></label>
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
      <label>${t.message}<textarea id="message" rows="4" required maxlength=${LIMITS.messageBody} .value=${this.body}></textarea></label>
      <div class="actions">
        <button type="submit" class="primary">${t.send}</button>
        ${this.leaving ? html`<button type="button" @click=${() => emit(this, "live-chat-back")}>${t.backToChat}</button>` : nothing}
      </div>
    </form>`;
  }

  static override styles = [
    controls,
    css`
      form {
        padding: 16px;
        overflow-y: auto;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-weight: 600;
      }
      label.check {
        flex-direction: row;
        align-items: center;
        gap: 8px;
        font-weight: 400;
      }
      .check input {
        width: 18px;
        height: 18px;
        margin: 0;
        accent-color: var(--lc-accent);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .notice {
        margin: 0;
        padding: 0;
        color: #374151;
      }
      div.notice {
        padding: 16px;
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
    `,
  ];
}

define("live-chat-offline-form", OfflineForm);

// <live-chat-transcript-request>: at the end of a chat the visitor may have the transcript mailed
// (the server queues it; the visitor's reply to that mail comes back to the team). Raises
// "live-chat-transcript-email" with the address; the panel says whether it went.
import { LitElement, css, html } from "lit";
import type { Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import { controls, define, emit } from "./part.js";

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class TranscriptRequest extends LitElement {
  static override properties = { t: {}, email: {}, sentTo: {}, failed: {}, invalid: { state: true } };

  declare t: Strings;
  /** The address the visitor gave before, offered again. */
  declare email: string;
  /** Where the transcript went, once the server queued it. */
  declare sentTo: string;
  /** The server refused or was not reached: what it said, or empty. */
  declare failed: string;
  declare invalid: boolean;

  constructor() {
    super();
    this.email = "";
    this.sentTo = "";
    this.failed = "";
    this.invalid = false;
  }

  private submit(event: Event): void {
    event.preventDefault();
    const email = this.renderRoot.querySelector<HTMLInputElement>("#transcript-email")?.value.trim() ?? "";
    this.invalid = !LOOKS_LIKE_EMAIL.test(email);
    if (!this.invalid) emit(this, "live-chat-transcript-email", email);
  }

  protected override render() {
    const t = this.t;
    if (this.sentTo) return html`<p role="status">${format(t.transcriptMailSent, { email: this.sentTo })}</p>`;
    return html`<form @submit=${this.submit} aria-labelledby="transcript-mail-heading" novalidate>
      <p id="transcript-mail-heading">${t.transcriptMailAsk}</p>
      <label for="transcript-email">${t.transcriptMailAddress}</label>
      <div class="row">
        <input id="transcript-email" type="email" autocomplete="email" .value=${this.email} aria-invalid=${this.invalid ? "true" : "false"} aria-describedby=${this.invalid ? "transcript-email-error" : ""} />
        <button type="submit">${t.transcriptMailSend}</button>
      </div>
      ${this.invalid ? html`<p class="error" id="transcript-email-error" role="alert">${t.transcriptMailInvalid}</p>` : null}
      ${this.failed ? html`<p class="error" role="alert">${this.failed}</p>` : null}
    </form>`;
  }

  static override styles = [
    controls,
    css`
      form,
      p {
        width: 100%;
        margin: 0;
      }
      label {
        display: block;
        font-weight: 600;
        margin: 6px 0 4px;
      }
      .row {
        display: flex;
        gap: 6px;
      }
      input {
        flex: 1;
        min-width: 0;
        font: inherit;
        padding: 6px 8px;
        border: 1px solid #6b7280;
        border-radius: 8px;
      }
      .error {
        color: #b91c1c;
        margin-top: 4px;
      }
    `,
  ];
}

define("live-chat-transcript-request", TranscriptRequest);

// <live-chat-ended>: the chat is over; the visitor may rate it (1 to 5, with a comment), have the
// transcript mailed, and start a new one.
import { LitElement, css, html } from "lit";
import { LIMITS } from "@live-chat/protocol/limits";
import type { Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import { visuallyHidden } from "../shared-styles.js";
import { controls, define, emit } from "./part.js";
import "./transcript-request.js";

export interface Rating {
  score: number;
  comment: string;
}

export class EndedView extends LitElement {
  static override properties = { t: {}, rated: {}, email: {}, transcriptSentTo: {}, transcriptFailed: {}, rating: { state: true } };

  declare t: Strings;
  /** The rating is stored: thank the visitor instead of asking again. */
  declare rated: boolean;
  /** For the transcript by mail: the address known so far, where it went, and why it did not. */
  declare email: string;
  declare transcriptSentTo: string;
  declare transcriptFailed: string;
  /** The score picked so far; 0 = none yet. */
  declare rating: number;

  constructor() {
    super();
    this.rated = false;
    this.rating = 0;
    this.email = "";
    this.transcriptSentTo = "";
    this.transcriptFailed = "";
  }

  private submit(event: Event): void {
    event.preventDefault();
    if (!this.rating) return;
    const comment = this.renderRoot.querySelector<HTMLTextAreaElement>("#rating-comment")?.value ?? "";
    emit<Rating>(this, "live-chat-rate", { score: this.rating, comment });
  }

  protected override render() {
    const t = this.t;
    return html`<div class="ended">
      <p>${t.ended}</p>
      ${this.rated
        ? html`<p role="status">${t.rated}</p>`
        : html`<form @submit=${this.submit}>
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
      <live-chat-transcript-request .t=${t} .email=${this.email} .sentTo=${this.transcriptSentTo} .failed=${this.transcriptFailed}></live-chat-transcript-request>
      <button type="button" @click=${() => emit(this, "live-chat-new-chat")}>${t.newChat}</button>
    </div>`;
  }

  static override styles = [
    visuallyHidden,
    controls,
    css`
      .ended {
        padding: 12px 16px;
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        border-top: 1px solid #e5e7eb;
      }
      p {
        margin: 0;
        flex-basis: 100%;
      }
      form {
        width: 100%;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-weight: 600;
      }
      .stars {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        gap: 2px;
      }
      .stars legend {
        padding: 0 0 6px;
        font-weight: 600;
      }
      .stars label {
        position: relative;
        font-size: 28px;
        color: #6b7280;
        cursor: pointer;
      }
      .stars label.on {
        color: #b45309;
      }
      .stars input {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
      }
      .stars input:focus-visible + span {
        outline: 3px solid var(--lc-accent);
        outline-offset: 2px;
      }
    `,
  ];
}

define("live-chat-ended", EndedView);

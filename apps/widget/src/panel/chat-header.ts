// <live-chat-header>: the chat's title, who is helping, and the buttons to copy, save or end the chat (after a
// confirmation) and to minimise it.
import { LitElement, css, html, nothing } from "lit";
import type { Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import { controls, define, emit } from "./part.js";

const icon = (d: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d} /></svg>`;
const ICONS = {
  minimise: "M6 9l6 6 6-6",
  copy: "M9 9h10v11H9zM5 15V4h10",
  download: "M12 4v11m-5-5l5 5 5-5M5 20h14",
  end: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h9",
};

export class ChatHeader extends LitElement {
  static override properties = { t: {}, operator: {}, hasTranscript: {}, canEnd: {}, confirming: { state: true } };

  declare t: Strings;
  /** The colleague helping the visitor, once one is. */
  declare operator: string | undefined;
  declare hasTranscript: boolean;
  declare canEnd: boolean;
  /** The visitor pressed End chat and is asked whether they mean it. */
  declare confirming: boolean;

  constructor() {
    super();
    this.confirming = false;
  }

  protected override willUpdate(): void {
    // A new chat must not open with the last one's question still showing.
    if (!this.canEnd) this.confirming = false;
  }

  private confirmed(): void {
    this.confirming = false;
    emit(this, "live-chat-end");
  }

  private button(label: string, d: string, onClick: () => void) {
    return html`<button type="button" class="icon" aria-label=${label} title=${label} @click=${onClick}>${icon(d)}</button>`;
  }

  protected override render() {
    const t = this.t;
    return html`<header>
      <div class="heading">
        <h2>${t.title}</h2>
        ${this.operator ? html`<p>${format(t.assigned, { name: this.operator })}</p>` : nothing}
      </div>
      ${this.hasTranscript
        ? [this.button(t.copyTranscript, ICONS.copy, () => emit(this, "live-chat-copy")), this.button(t.downloadTranscript, ICONS.download, () => emit(this, "live-chat-download"))]
        : nothing}
      ${this.canEnd ? this.button(t.endChat, ICONS.end, () => {
            // Asking to end: the panel fetches the end view now, so it is there when the visitor confirms.
            emit(this, "live-chat-ending");
            this.confirming = true;
          }) : nothing}
      ${this.button(t.minimise, ICONS.minimise, () => emit(this, "live-chat-close"))}
    </header>
    ${this.canEnd && this.confirming
      ? html`<div class="confirm" role="alertdialog" aria-label=${t.endChat}>
          <p>${t.endChatQuestion}</p>
          <button type="button" class="primary" @click=${this.confirmed}>${t.endChatConfirm}</button>
          <button type="button" @click=${() => (this.confirming = false)}>${t.cancel}</button>
        </div>`
      : nothing}`;
  }

  static override styles = [
    controls,
    css`
      header {
        display: flex;
        align-items: center;
        gap: 4px;
        padding: 12px 8px 12px 16px;
        background: var(--lc-accent);
        color: var(--lc-on-accent, #fff);
      }
      .heading {
        flex: 1;
        min-width: 0;
      }
      h2 {
        margin: 0;
        font-size: 16px;
      }
      header p {
        margin: 2px 0 0;
        font-size: 13px;
      }
      button.icon {
        border: 0;
        background: transparent;
        color: inherit;
        padding: 6px;
        display: grid;
      }
      header button:focus-visible {
        outline-color: var(--lc-on-accent, #fff);
      }
      .confirm {
        padding: 12px 16px;
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        background: #f3f4f6;
      }
      .confirm p {
        margin: 0;
        flex-basis: 100%;
      }
      svg {
        width: 20px;
        height: 20px;
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
    `,
  ];
}

define("live-chat-header", ChatHeader);

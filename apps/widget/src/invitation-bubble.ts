// <live-chat-invitation>: an operator's invitation as a friendly bubble above the launcher, to
// answer (the chat opens) or dismiss (none again this visit). Part of the launcher: small, no panel code.
import { LitElement, css, html } from "lit";
import type { InvitationPayload } from "@live-chat/protocol";
import type { LAUNCHER_STRINGS } from "./i18n/launcher.js";
import { format } from "./locale.js";

export class LiveChatInvitation extends LitElement {
  static override properties = { invitation: { attribute: false }, strings: { attribute: false } };
  declare invitation: InvitationPayload;
  declare strings: (typeof LAUNCHER_STRINGS)["en"];

  private raise(type: "live-chat-answer" | "live-chat-dismiss"): void {
    this.dispatchEvent(new CustomEvent(type));
  }

  protected override render() {
    const t = this.strings;
    return html`<section aria-label=${t.invitation} aria-live="polite">
      <p class="from">${format(t.invitationFrom, { name: this.invitation.operator.name })}</p>
      <p>${this.invitation.body}</p>
      <button type="button" class="answer" @click=${() => this.raise("live-chat-answer")}>${t.answerInvitation}</button>
      <button type="button" class="dismiss" @click=${() => this.raise("live-chat-dismiss")}>${t.dismissInvitation}</button>
    </section>`;
  }

  static override styles = css`
    section {
      position: absolute;
      bottom: 68px;
      right: 0;
      width: min(280px, calc(100vw - 40px));
      box-sizing: border-box;
      padding: 12px 14px;
      border-radius: var(--lc-radius);
      background: #fff;
      color: #1f2328;
      box-shadow: 0 4px 18px rgb(0 0 0 / 0.2);
      font: 15px/1.4 var(--lc-font);
    }
    :host(.left) section {
      right: auto;
      left: 0;
    }
    p {
      margin: 0 0 8px;
      overflow-wrap: anywhere;
    }
    .from {
      font-weight: 600;
    }
    button {
      font: 600 14px var(--lc-font);
      padding: 6px 12px;
      margin-right: 6px;
      border-radius: 8px;
      cursor: pointer;
      border: 1px solid var(--lc-accent);
    }
    .answer {
      background: var(--lc-accent);
      color: var(--lc-on-accent, #fff);
    }
    .dismiss {
      background: #fff;
      color: #1f2328;
    }
    button:focus-visible {
      outline: 3px solid var(--lc-accent);
      outline-offset: 2px;
    }
  `;
}

if (!customElements.get("live-chat-invitation")) customElements.define("live-chat-invitation", LiveChatInvitation);

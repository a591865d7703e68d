// <live-chat-composer>: the message box and its send button (Enter sends), with the optional name and
// email before the first message. It raises what was typed; the panel sends it.
import { LitElement, css, html, nothing } from "lit";
import { LIMITS } from "@live-chat/protocol/limits";
import type { Strings } from "../i18n/panel.js";
import { visuallyHidden } from "../shared-styles.js";
import { controls, define, emit } from "./part.js";

/** What the visitor sends from the composer: the text, and the intro fields when they were shown. */
export interface ComposedMessage {
  body: string;
  name?: string;
  email?: string;
}

export class Composer extends LitElement {
  static override properties = { t: {}, askIntro: {}, name: {}, email: {}, body: {} };

  declare t: Strings;
  /** No chat yet and no name known: ask for a name and email (both optional). */
  declare askIntro: boolean;
  /** The draft the visitor typed before, so it survives a switch to the message form and back. */
  declare name: string;
  declare email: string;
  declare body: string;

  private field<T extends HTMLElement>(id: string): T | null {
    return this.renderRoot.querySelector<T>(`#${id}`);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  }

  private send(event?: Event): void {
    event?.preventDefault();
    const box = this.field<HTMLTextAreaElement>("message");
    const emailField = this.field<HTMLInputElement>("intro-email");
    if (!box || !box.value.trim()) return;
    if (emailField && !emailField.reportValidity()) return;
    emit<ComposedMessage>(this, "live-chat-send", { body: box.value, name: this.field<HTMLInputElement>("intro-name")?.value, email: emailField?.value });
    box.value = "";
    box.focus();
  }

  protected override render() {
    const t = this.t;
    return html`<form @submit=${this.send}>
      ${this.askIntro
        ? html`<div class="intro">
            <label>${t.yourName}<input id="intro-name" autocomplete="name" maxlength=${LIMITS.name} .value=${this.name} /></label>
            <label>${t.yourEmail}<input id="intro-email" type="email" autocomplete="email" maxlength=${LIMITS.email} .value=${this.email} /></label>
          </div>`
        : nothing}
      <div class="row">
        <label class="sr" for="message">${t.message}</label>
        <textarea
          id="message"
          .value=${this.body}
          rows="2"
          maxlength=${LIMITS.messageBody}
          placeholder=${t.placeholder}
          @keydown=${this.onKeydown}
          @input=${(e: InputEvent) => emit(this, "live-chat-typing", (e.target as HTMLTextAreaElement).value.length > 0)}
        ></textarea>
        <button type="submit" class="primary">${t.send}</button>
      </div>
    </form>`;
  }

  static override styles = [
    visuallyHidden,
    controls,
    css`
      form {
        border-top: 1px solid #e5e7eb;
        padding: 10px 12px;
      }
      .intro {
        display: flex;
        gap: 8px;
      }
      .intro label {
        flex: 1;
        font-size: 12px;
        color: #4b5563;
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: flex-end;
      }
    `,
  ];
}

define("live-chat-composer", Composer);

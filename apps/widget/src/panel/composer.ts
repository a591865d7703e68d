// <live-chat-composer>: the message box and its send button (Enter sends), with the optional name and
// email before the first message, and the files to go with it (paperclip, paste, or dropped on the
// panel). It raises what was typed and chosen; the panel sends it.
import { LitElement, css, html, nothing } from "lit";
import { LIMITS } from "@live-chat/protocol/limits";
import type { Strings } from "../i18n/panel.js";
import { visuallyHidden } from "../shared-styles.js";
import { format } from "../locale.js";
import { loadUploads } from "./outbox.js";
import { controls, define, emit } from "./part.js";

/** The upload code arrives while the visitor is still choosing; a failed fetch is tried again on send. */
const preloadUploads = (): void => void loadUploads().catch(() => undefined);

/** What the server accepts (it checks the bytes; this only narrows the picker). No `capture`: a phone then offers its camera, gallery and files. */
const ACCEPT = "image/*,.pdf,.txt,.csv,.log,.md,.docx,.xlsx,.odt";

/** What the visitor sends from the composer: the text, and the intro fields when they were shown. */
export interface ComposedMessage {
  body: string;
  files: File[];
  name?: string;
  email?: string;
}

export class Composer extends LitElement {
  static override properties = { t: {}, askIntro: {}, name: {}, email: {}, body: {}, files: { state: true } };

  declare t: Strings;
  /** No chat yet and no name known: ask for a name and email (both optional). */
  declare askIntro: boolean;
  /** The draft the visitor typed before, so it survives a switch to the message form and back. */
  declare name: string;
  declare email: string;
  declare body: string;
  declare files: File[];

  constructor() {
    super();
    this.files = [];
  }

  /** Files chosen, pasted or dropped wait here until the visitor sends. */
  addFiles(list: Iterable<File>): void {
    this.files = [...this.files, ...list];
    preloadUploads();
  }

  private onPaste(event: ClipboardEvent): void {
    const pasted = [...(event.clipboardData?.files ?? [])];
    if (!pasted.length) return;
    event.preventDefault();
    this.addFiles(pasted);
  }

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
    if (!box || (!box.value.trim() && !this.files.length)) return;
    if (emailField && !emailField.reportValidity()) return;
    emit<ComposedMessage>(this, "live-chat-send", { body: box.value, files: this.files, name: this.field<HTMLInputElement>("intro-name")?.value, email: emailField?.value });
    box.value = "";
    this.files = [];
    box.focus();
  }

  private onChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles(input.files ?? []);
    input.value = "";
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
      ${this.files.length
        ? html`<ul class="files" aria-label=${t.attached}>
            ${this.files.map(
              (f, i) => html`<li>
                ${f.name}
                <button type="button" aria-label=${format(t.removeFile, { name: f.name })} @click=${() => (this.files = this.files.filter((_, j) => j !== i))}>×</button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="row">
        <label class="sr" for="message">${t.message}</label>
        <input id="file" type="file" multiple accept=${ACCEPT} hidden @change=${this.onChosen} />
        <button
          type="button"
          aria-label=${t.attach}
          title=${t.attach}
          @pointerenter=${preloadUploads}
          @focus=${preloadUploads}
          @click=${() => this.field<HTMLInputElement>("file")?.click()}
        >📎</button>
        <textarea
          id="message"
          .value=${this.body}
          rows="2"
          maxlength=${LIMITS.messageBody}
          placeholder=${t.placeholder}
          @keydown=${this.onKeydown}
          @paste=${this.onPaste}
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
      .files {
        margin: 0 0 6px;
        padding: 0;
        list-style: none;
        font-size: 12px;
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

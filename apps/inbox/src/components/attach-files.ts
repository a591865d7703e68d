// The operator's paperclip: files chosen (or pasted into the reply box) for the chat's next message,
// kept per chat, uploaded with progress when the message goes, each once.
import { html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Locale } from "@live-chat/protocol";
import { formatFileSize } from "@live-chat/protocol/attachments";
import { t } from "../i18n.js";
import { choose, uploadFile, type ChosenFile } from "../uploads.js";
import { LightElement } from "./light-element.js";

@customElement("lc-attach-files")
export class AttachFiles extends LightElement {
  @property() conversationId = "";
  @property() locale: Locale = "en";
  @property({ type: Boolean }) disabled = false;
  @property({ attribute: false }) token: string | null = null;
  private readonly byConversation = new Map<string, ChosenFile[]>();

  get chosen(): ChosenFile[] {
    return this.byConversation.get(this.conversationId) ?? [];
  }

  private set chosen(files: ChosenFile[]) {
    this.byConversation.set(this.conversationId, files);
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent("files-changed", { bubbles: true }));
  }

  add(files: Iterable<File>): void {
    this.chosen = [...this.chosen, ...[...files].map(choose)];
  }

  clear(): void {
    this.chosen = [];
  }

  /** Uploads every chosen file not yet stored and gives their ids; throws the first refusal. */
  async upload(): Promise<string[]> {
    const ids: string[] = [];
    for (const chosen of this.chosen) ids.push((await uploadFile(this.token, chosen, this.locale, () => this.requestUpdate())).id);
    this.requestUpdate();
    return ids;
  }

  private onChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.add(input.files ?? []);
    input.value = "";
  }

  protected override render() {
    const l = this.locale;
    const chosen = this.chosen;
    return html`<input type="file" multiple hidden @change=${this.onChosen} />
      <button type="button" class="attach" ?disabled=${this.disabled} title=${t(l, "attachFile")} aria-label=${t(l, "attachFile")}
        @click=${() => this.querySelector<HTMLInputElement>("input[type=file]")?.click()}><span aria-hidden="true">📎</span></button>
      ${chosen.length
        ? html`<ul class="chosen-files" aria-label=${t(l, "filesToSend")}>
            ${chosen.map(
              (c) => html`<li>
                <span>${c.file.name || t(l, "pastedImage")}</span>
                <span class="help">${formatFileSize(c.file.size, l)}</span>
                <progress max="1" .value=${c.progress} aria-label=${t(l, "uploadProgress", { percent: Math.round(c.progress * 100) })}></progress>
                <button type="button" class="link" @click=${() => (this.chosen = this.chosen.filter((x) => x !== c))}>${t(l, "removeFile", { name: c.file.name || t(l, "pastedImage") })}</button>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

// The file a canned reply sends along (a returns form, a price list): shown, replaced or removed in the
// reply's editor, and stored once the reply itself is saved.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Attachment, CannedReply, Locale } from "@live-chat/protocol";
import { formatFileSize } from "@live-chat/protocol/attachments";
import { t } from "../i18n.js";
import { kindOf } from "../components/attachments.js";
import { choose, type ChosenFile } from "../uploads.js";
import type { AdminApi } from "./api.js";
import { adminStyles } from "./styles.js";

@customElement("lc-canned-reply-file")
export class CannedReplyFile extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  /** The file the reply has now. */
  @property({ attribute: false }) attachment: Attachment | undefined;
  @state() private chosen: ChosenFile | null = null;
  @state() private removed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("attachment")) {
      this.chosen = null;
      this.removed = false;
    }
  }

  /** Uploads a newly chosen file and puts it on the reply (or takes the file off); null when nothing changed. */
  async commit(replyId: string): Promise<CannedReply | null> {
    if (this.chosen) {
      const uploaded = await this.api.uploadFile(this.chosen, this.locale, () => this.requestUpdate());
      return this.api.setCannedReplyAttachment(replyId, uploaded.id);
    }
    return this.removed && this.attachment ? this.api.setCannedReplyAttachment(replyId, null) : null;
  }

  private onChosen(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.chosen = choose(file);
  }

  override render() {
    const l = this.locale;
    const shown = this.chosen ? { name: this.chosen.file.name, size: this.chosen.file.size, type: this.chosen.file.type } : this.removed ? undefined : this.attachment;
    return html`<div class="field">
      <label for="reply-file">${t(l, "cannedFile")}</label>
      ${shown
        ? html`<p data-testid="canned-file">
            ${shown.name} (${t(l, "fileFacts", { size: formatFileSize(shown.size, l), type: kindOf(shown.type) })})
            <button type="button" @click=${() => ((this.chosen = null), (this.removed = true))}>${t(l, "removeFile", { name: shown.name })}</button>
          </p>`
        : nothing}
      ${this.chosen && this.chosen.progress > 0 ? html`<progress max="1" .value=${this.chosen.progress} aria-label=${t(l, "uploadProgress", { percent: Math.round(this.chosen.progress * 100) })}></progress>` : nothing}
      <input id="reply-file" type="file" aria-describedby="reply-file-help" @change=${this.onChosen} />
      <p class="help" id="reply-file-help">${t(l, "cannedFileHelp")}</p>
    </div>`;
  }
}

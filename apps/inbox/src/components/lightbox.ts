// The full image of an attachment over the inbox: a modal dialog (focus stays inside, Escape or the
// close button shuts it) that gives focus back to the preview that opened it.
import { html, nothing } from "lit";
import { customElement, query, state } from "lit/decorators.js";
import type { Attachment, Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-lightbox")
export class Lightbox extends LightElement {
  @state() private shown: { attachment: Attachment; locale: Locale } | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;
  private opener: HTMLElement | null = null;

  /** One lightbox serves the whole inbox: it is added to the page the first time an image opens. */
  static ensure(): Lightbox {
    return document.querySelector<Lightbox>("lc-lightbox") ?? document.body.appendChild(document.createElement("lc-lightbox") as Lightbox);
  }

  async show(attachment: Attachment, opener: HTMLElement, locale: Locale): Promise<void> {
    this.opener = opener;
    this.shown = { attachment, locale };
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.querySelector<HTMLElement>(".lightbox-close")?.focus();
  }

  private onClose(): void {
    this.shown = null;
    // The preview may have been re-rendered meanwhile; it is still the same element while the message stands.
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  protected override render() {
    const shown = this.shown;
    const l = shown?.locale ?? "en";
    return html`<dialog class="lightbox" aria-label=${shown ? shown.attachment.name : nothing} @close=${this.onClose}
      @click=${(e: Event) => e.target === this.dialog && this.dialog.close()}>
      ${shown
        ? html`<figure>
            <img src=${shown.attachment.url} alt=${shown.attachment.name} />
            <figcaption>
              ${shown.attachment.name}
              <a href=${shown.attachment.url} download=${shown.attachment.name}>${t(l, "downloadFile")}</a>
              <button type="button" class="lightbox-close" @click=${() => this.dialog.close()}>${t(l, "closeImage")}</button>
            </figcaption>
          </figure>`
        : nothing}
    </dialog>`;
  }
}

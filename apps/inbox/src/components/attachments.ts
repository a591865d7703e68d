// A message's files in the transcript: images as previews that open in the lightbox, other files as
// cards with name, size and type; every preview named for screen readers by its file name.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Attachment, Locale } from "@live-chat/protocol";
import { formatFileSize } from "@live-chat/protocol/attachments";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";
import { Lightbox } from "./lightbox.js";

/** "PDF", "PNG", "DOCX": the type as an operator knows it, from the MIME type the server decided on the bytes. */
export function kindOf(type: string): string {
  const known: Record<string, string> = {
    "application/pdf": "PDF",
    "text/plain": "TXT",
    "text/csv": "CSV",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
  };
  return known[type] ?? type.replace(/^image\//, "").toUpperCase();
}

@customElement("lc-attachments")
export class Attachments extends LightElement {
  @property({ attribute: false }) attachments: Attachment[] = [];
  @property() locale: Locale = "en";

  private open(a: Attachment, event: Event): void {
    void Lightbox.ensure().show(a, event.currentTarget as HTMLElement, this.locale);
  }

  protected override render() {
    const l = this.locale;
    return html`<ul class="attachments">
      ${this.attachments.map((a) =>
        a.thumbnailUrl
          ? html`<li>
              <button type="button" class="attachment-preview" aria-label=${t(l, "openImage", { name: a.name })} @click=${(e: Event) => this.open(a, e)}>
                <img src=${a.thumbnailUrl} alt=${a.name} loading="lazy" />
              </button>
            </li>`
          : html`<li>
              <a class="attachment-card" href=${a.url} download=${a.name}>
                <span class="attachment-name">${a.name}</span>
                <span class="attachment-facts">${t(l, "fileFacts", { size: formatFileSize(a.size, l), type: kindOf(a.type) })}</span>
              </a>
            </li>`,
      )}
    </ul>`;
  }
}

// A message's files in the transcript: images as previews that open in the lightbox, other files as
// cards with name, size and type; every preview named for screen readers by its file name.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Attachment, Locale, Message } from "@live-chat/protocol";
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

/** A link names its expiry (`exp`, unix seconds); one past it, or about to be, is fetched afresh before use. */
function expiring(url: string): boolean {
  const exp = Number(new URL(url, location.href).searchParams.get("exp"));
  return !exp || exp - 30 < Date.now() / 1000;
}

@customElement("lc-attachments")
export class Attachments extends LightElement {
  @property({ attribute: false }) attachments: Attachment[] = [];
  @property() locale: Locale = "en";
  /** Fetches the message again with fresh links. */
  @property({ attribute: false }) refresh: (() => Promise<Message | undefined>) | undefined;

  /** The attachment with links that work now: as it is, or fetched afresh. */
  private async usable(a: Attachment): Promise<Attachment> {
    if (!expiring(a.url) || !this.refresh) return a;
    return (await this.refresh())?.attachments?.find((fresh) => fresh.id === a.id) ?? a;
  }

  private async open(a: Attachment, event: Event): Promise<void> {
    const opener = event.currentTarget as HTMLElement;
    void Lightbox.ensure().show(await this.usable(a), opener, this.locale);
  }

  /** An expired card link would answer 410: the click waits for a fresh one and follows that. */
  private async download(a: Attachment, event: Event): Promise<void> {
    if (!expiring(a.url)) return;
    event.preventDefault();
    const fresh = await this.usable(a);
    const link = Object.assign(document.createElement("a"), { href: fresh.url, download: fresh.name });
    link.click();
  }

  protected override render() {
    const l = this.locale;
    return html`<ul class="attachments">
      ${this.attachments.map((a) =>
        a.thumbnailUrl
          ? html`<li>
              <button type="button" class="attachment-preview" aria-label=${t(l, "openImage", { name: a.name })} @click=${(e: Event) => void this.open(a, e)}>
                <img src=${a.thumbnailUrl} alt=${a.name} loading="lazy" @error=${() => expiring(a.thumbnailUrl!) && void this.refresh?.()} />
              </button>
            </li>`
          : html`<li>
              <a class="attachment-card" href=${a.url} download=${a.name} @click=${(e: Event) => void this.download(a, e)}>
                <span class="attachment-name">${a.name}</span>
                <span class="attachment-facts">${t(l, "fileFacts", { size: formatFileSize(a.size, l), type: kindOf(a.type) })}</span>
              </a>
            </li>`,
      )}
    </ul>`;
  }
}

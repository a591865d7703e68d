// The answer an operator mails to a visitor from a work list (an offline message, an e-mail
// follow-up): a text with the canned replies of the response and closing phases to start from.
import { html, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { CannedReplies } from "./canned-replies.js";
import { StoreElement } from "./store-element.js";

@customElement("lc-mail-reply")
export class MailReply extends StoreElement {
  @property() locale: Locale = "en";
  /** Sends the text; the element keeps it when this throws, so nothing typed is lost. */
  @property({ attribute: false }) send!: (body: string) => Promise<void>;
  @property({ type: Boolean }) busy = false;
  @state() private body = "";
  // An answer by mail gives the answer and closes, the two phases whose replies fit it.
  private readonly responses = new CannedReplies(this);
  private readonly closings = new CannedReplies(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    void this.responses.follow(this.store.token, "response", this.locale, this.store.cannedRepliesVersion);
    void this.closings.follow(this.store.token, "closing", this.locale, this.store.cannedRepliesVersion);
  }

  private pick(id: string): void {
    const reply = [...this.responses.replies, ...this.closings.replies].find((r) => r.id === id);
    if (reply) this.body = this.body ? `${this.body}\n\n${reply.body}` : reply.body;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const body = this.body.trim();
    if (!body) return;
    await this.send(body);
    this.body = "";
  }

  protected override render() {
    const l = this.locale;
    const replies = [...this.responses.replies, ...this.closings.replies.filter((c) => !this.responses.replies.some((r) => r.id === c.id))];
    return html`<form class="mail-reply" @submit=${(e: Event) => void this.submit(e)}>
      ${replies.length
        ? html`<label>${t(l, "mailReplyCanned")}
            <select @change=${(e: Event) => { const select = e.target as HTMLSelectElement; this.pick(select.value); select.value = ""; }}>
              <option value="">${t(l, "mailReplyCannedNone")}</option>
              ${replies.map((r) => html`<option value=${r.id}>${r.title}</option>`)}
            </select></label>`
        : null}
      <label>${t(l, "mailReplyLabel")}
        <textarea rows="4" .value=${this.body} @input=${(e: Event) => (this.body = (e.target as HTMLTextAreaElement).value)}></textarea></label>
      <button type="submit" ?disabled=${this.busy || !this.body.trim()}>${t(l, "mailReplySend")}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-mail-reply": MailReply;
  }
}

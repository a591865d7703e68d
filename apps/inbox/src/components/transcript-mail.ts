// "Mail the transcript" beside a chat: the operator sends the visitor (or another address) the
// chat's transcript by mail; notes never go along. The visitor's reply comes back into the chat.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Conversation, Locale } from "@live-chat/protocol";
import { describeError, mailTranscript } from "../api.js";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-transcript-mail")
export class TranscriptMail extends LightElement {
  @property({ attribute: false }) conversation!: Conversation;
  @property({ attribute: false }) token = "";
  @property() locale: Locale = "en";
  @state() private sentTo = "";
  @state() private error: unknown = null;
  @state() private busy = false;
  private shownId = "";

  protected override willUpdate(): void {
    if (this.conversation.id === this.shownId) return;
    this.shownId = this.conversation.id;
    this.sentTo = "";
    this.error = null;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get("email") ?? "").trim();
    this.busy = true;
    this.error = null;
    try {
      const mail = await mailTranscript(this.token, this.conversation.id, email || undefined);
      this.sentTo = mail.to;
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const l = this.locale;
    return html`<details class="transcript-mail">
      <summary>${t(l, "sendTranscript")}</summary>
      <form @submit=${this.submit} novalidate>
        <label for="transcript-mail-to">${t(l, "sendTranscriptTo")}</label>
        <input id="transcript-mail-to" name="email" type="email" .value=${this.conversation.visitor.email ?? ""} />
        ${this.error ? html`<p class="error" role="alert">${describeError(this.error, l)}</p>` : null}
        ${this.sentTo ? html`<p class="notice" role="status">${t(l, "transcriptSentTo", { email: this.sentTo })}</p>` : null}
        <button type="submit" ?disabled=${this.busy}>${t(l, "sendTranscriptButton")}</button>
      </form>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-transcript-mail": TranscriptMail;
  }
}

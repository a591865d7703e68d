// "Give an expected time": the operator records what they promised (call back, e-mail, answer in this
// chat) and by when. The server checks it; a refusal is shown next to the field it concerns. Once
// saved, the form closes and tells its chat, which drafts the reply for the operator to send.
import { html } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { FOLLOW_UP_CHANNELS, LIMITS, PHONE_PATTERN, type Conversation, type FollowUp, type FollowUpChannel, type Locale } from "@live-chat/protocol";
import { ApiError, describeError } from "../api.js";
import { defaultDue, isoWithOffset, localInputValue } from "../follow-up-text.js";
import { t, type MessageKey } from "../i18n.js";
import type { InboxStore } from "../store/index.js";
import { LightElement } from "./light-element.js";

type Field = "channel" | "dueAt" | "phone" | "note";
const FIELD_ERROR: Record<Field, MessageKey> = {
  channel: "followUpChannelError",
  dueAt: "followUpDueError",
  phone: "followUpPhoneError",
  note: "followUpNoteError",
};
const DAY_MS = 86_400_000;

@customElement("lc-follow-up-form")
export class FollowUpForm extends LightElement {
  @property({ attribute: false }) store!: InboxStore;
  @property({ attribute: false }) conversation!: Conversation;
  @property() locale: Locale = "en";
  @state() private channel: FollowUpChannel = "callback";
  /** The field the server refused, or the refusal that concerns none of them. */
  @state() private error: { field?: Field; err: unknown } | null = null;
  @state() private saving = false;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("form") private form!: HTMLFormElement;
  private phone = "";
  private due = "";
  private bounds = { min: "", max: "" };

  /** Opens the form empty, due two hours from now; the phone of an earlier callback in this chat is offered again. */
  open(): void {
    const now = Date.now();
    this.channel = "callback";
    this.error = null;
    this.due = localInputValue(defaultDue(now));
    this.bounds = { min: localInputValue(new Date(now)), max: localInputValue(new Date(now + 90 * DAY_MS)) };
    this.phone = this.store.workLists.chatFollowUps(this.conversation.id)?.findLast((f) => f.phone)?.phone ?? "";
    this.form?.reset();
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.dialog.showModal();
      this.querySelector<HTMLInputElement>(`input[name=channel][value=${this.channel}]`)?.focus();
    });
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const data = new FormData(this.form);
    const conversationId = this.conversation.id;
    const phone = String(data.get("phone") ?? "").trim();
    this.error = null;
    this.saving = true;
    try {
      const followUp = await this.store.workLists.promiseFollowUp(conversationId, {
        channel: this.channel,
        dueAt: isoWithOffset(String(data.get("dueAt") ?? "")),
        ...(this.channel === "callback" && phone ? { phone } : {}),
        note: String(data.get("note") ?? ""),
      });
      this.dialog.close();
      this.dispatchEvent(new CustomEvent<FollowUp>("follow-up-promised", { detail: followUp, bubbles: true }));
    } catch (err) {
      const field = err instanceof ApiError && err.status === 400 ? (err.body.field?.split(".")[0] as Field | undefined) : undefined;
      this.error = { field: field && field in FIELD_ERROR ? field : undefined, err };
      await this.updateComplete;
      this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this.saving = false;
    }
  }

  /** The refusal under its field, linked to it for screen readers. */
  private fieldError(field: Field) {
    if (this.error?.field !== field) return null;
    return html`<p class="field-error" id="follow-up-${field}-error" role="alert">${t(this.locale, FIELD_ERROR[field], { max: LIMITS.note })}</p>`;
  }

  private invalid(field: Field): "true" | "false" {
    return this.error?.field === field ? "true" : "false";
  }

  protected override render() {
    const l = this.locale;
    const formError = this.error && !this.error.field ? describeError(this.error.err, l) : "";
    return html`
      <dialog class="follow-up" aria-labelledby="follow-up-heading">
        <form novalidate @submit=${(e: SubmitEvent) => void this.submit(e)}>
          <h2 id="follow-up-heading">${t(l, "followUpHeading")}</h2>
          <fieldset aria-describedby=${this.error?.field === "channel" ? "follow-up-channel-error" : ""}>
            <legend>${t(l, "followUpHow")}</legend>
            ${FOLLOW_UP_CHANNELS.map(
              (channel) => html`<label class="choice">
                <input
                  type="radio"
                  name="channel"
                  value=${channel}
                  .checked=${live(this.channel === channel)}
                  @change=${() => {
                    this.channel = channel;
                    if (this.error?.field === "phone") this.error = null;
                  }}
                />
                ${t(l, `followUpChannel_${channel}`)}
              </label>`,
            )}
            ${this.fieldError("channel")}
          </fieldset>
          <label for="follow-up-due">${t(l, "followUpWhen")}</label>
          <input
            id="follow-up-due"
            name="dueAt"
            type="datetime-local"
            step="900"
            required
            min=${this.bounds.min}
            max=${this.bounds.max}
            .value=${live(this.due)}
            @input=${(e: Event) => (this.due = (e.target as HTMLInputElement).value)}
            aria-invalid=${this.invalid("dueAt")}
            aria-describedby=${this.error?.field === "dueAt" ? "follow-up-dueAt-error follow-up-due-help" : "follow-up-due-help"}
          />
          <span class="help" id="follow-up-due-help">${t(l, "followUpWhenHelp")}</span>
          ${this.fieldError("dueAt")}
          ${this.channel === "callback"
            ? html`
                <label for="follow-up-phone">${t(l, "followUpPhone")}</label>
                <input
                  id="follow-up-phone"
                  name="phone"
                  type="tel"
                  autocomplete="off"
                  required
                  maxlength=${LIMITS.phone}
                  pattern=${PHONE_PATTERN}
                  .value=${live(this.phone)}
                  @input=${(e: Event) => (this.phone = (e.target as HTMLInputElement).value)}
                  aria-invalid=${this.invalid("phone")}
                  aria-describedby=${this.error?.field === "phone" ? "follow-up-phone-error" : ""}
                />
                ${this.fieldError("phone")}
              `
            : null}
          <label for="follow-up-note">${t(l, "followUpNote")}</label>
          <textarea
            id="follow-up-note"
            name="note"
            rows="3"
            required
            maxlength=${LIMITS.note}
            aria-invalid=${this.invalid("note")}
            aria-describedby=${this.error?.field === "note" ? "follow-up-note-error" : ""}
          ></textarea>
          ${this.fieldError("note")}
          ${formError ? html`<p class="error" role="alert">${formError}</p>` : null}
          <div class="dialog-actions">
            <button type="button" @click=${() => this.dialog.close()}>${t(l, "cancel")}</button>
            <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? t(l, "followUpSaving") : t(l, "followUpSave")}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-follow-up-form": FollowUpForm;
  }
}

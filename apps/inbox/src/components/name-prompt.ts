// The first admin starts with a name the server gave them ("Admin"); greetings would say "I'm Admin".
// On sign-in this dialog asks once for the name visitors will see, and saves it on the account.
import { html, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { LIMITS, type Locale, type User } from "@live-chat/protocol";
import { describeError, saveMyName } from "../api.js";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-name-prompt")
export class NamePrompt extends LightElement {
  @property({ attribute: false }) user!: User;
  @property() token = "";
  @property() locale: Locale = "en";
  @state() private busy = false;
  @state() private error = "";
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.user.needsName) this.dialog.showModal();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get("name") ?? "").trim();
    if (!name) {
      this.error = t(this.locale, "namePromptEmpty");
      return;
    }
    this.busy = true;
    this.error = "";
    try {
      const saved = await saveMyName(this.token, name, this.locale);
      this.dialog.close();
      this.dispatchEvent(new CustomEvent<User>("name-chosen", { detail: saved, bubbles: true }));
    } catch (err) {
      this.error = describeError(err, this.locale);
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const l = this.locale;
    return html`<dialog class="name-prompt" aria-labelledby="name-prompt-heading">
      <form @submit=${this.submit} novalidate>
        <h2 id="name-prompt-heading">${t(l, "namePromptHeading")}</h2>
        <p class="help" id="name-prompt-help">${t(l, "namePromptHelp")}</p>
        <label for="name-prompt-name">${t(l, "namePromptLabel")}</label>
        <input id="name-prompt-name" name="name" autocomplete="name" maxlength=${LIMITS.name} aria-describedby="name-prompt-help name-prompt-error" required />
        <p class="error" id="name-prompt-error" role="alert">${this.error}</p>
        <div class="buttons">
          <button type="submit" class="primary" ?disabled=${this.busy}>${t(l, "namePromptSave")}</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-name-prompt": NamePrompt;
  }
}

// "Forgot password?": asks for the account's e-mail address and has a reset link mailed. The answer
// is the same whether or not the address has an account, so the page tells nobody which exist.
// Raises "reset-request-left" to go back to the sign-in.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale } from "@live-chat/protocol";
import { describeError, requestPasswordReset } from "../api.js";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

@customElement("lc-password-reset-request")
export class PasswordResetRequest extends LightElement {
  @property() locale: Locale = "en";
  @state() private busy = false;
  /** The address the link was asked for, once the server took the request. */
  @state() private sentTo = "";
  @state() private invalid = false;
  @state() private error: unknown = null;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get("email") ?? "").trim();
    this.error = null;
    this.invalid = !LOOKS_LIKE_EMAIL.test(email);
    if (this.invalid) {
      await this.updateComplete;
      return void this.querySelector<HTMLInputElement>("#reset-email")?.focus();
    }
    this.busy = true;
    try {
      await requestPasswordReset(email, this.locale);
      this.sentTo = email;
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  private leave(): void {
    this.dispatchEvent(new CustomEvent("reset-request-left", { bubbles: true }));
  }

  protected override render() {
    const l = this.locale;
    return html`
      <main class="sign-in">
        <form @submit=${this.submit} aria-labelledby="reset-heading" novalidate>
          <h1 id="reset-heading">${t(l, "resetRequestHeading")}</h1>
          <p id="reset-help">${t(l, "resetRequestHelp")}</p>
          <label for="reset-email">${t(l, "email")}</label>
          <input
            id="reset-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            aria-invalid=${this.invalid ? "true" : "false"}
            aria-describedby=${this.invalid ? "reset-email-error" : "reset-help"}
          />
          ${this.invalid ? html`<p class="error field-error" id="reset-email-error" role="alert">${t(l, "resetRequestEmailInvalid")}</p>` : null}
          ${this.error ? html`<p class="error" role="alert">${describeError(this.error, l)}</p>` : null}
          ${this.sentTo ? html`<p class="notice" role="status">${t(l, "resetRequestSent", { email: this.sentTo })}</p>` : null}
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t(l, "resetRequestSending") : t(l, "resetRequestSend")}</button>
          <button type="button" class="link" @click=${this.leave}>${t(l, "goToSignIn")}</button>
        </form>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-password-reset-request": PasswordResetRequest;
  }
}

// The sign-in form, with "Forgot password?" leading to the reset request; raises "signed-in" with the token and user.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale } from "@live-chat/protocol";
import { describeError, login } from "../api.js";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";
import "./password-reset-request.js";

@customElement("lc-sign-in")
export class SignIn extends LightElement {
  @property() locale: Locale = "en";
  @property() notice = "";
  /** Showing the reset request instead of the form (also opened from a used or expired reset link). */
  @property({ type: Boolean }) forgot = false;
  @state() private busy = false;
  @state() private error = "";

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = "";
    try {
      const session = await login(String(form.get("email") ?? ""), String(form.get("password") ?? ""), this.locale);
      this.dispatchEvent(new CustomEvent("signed-in", { detail: session, bubbles: true }));
    } catch (err) {
      this.error = describeError(err, this.locale);
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const l = this.locale;
    if (this.forgot) return html`<lc-password-reset-request .locale=${l} @reset-request-left=${() => (this.forgot = false)}></lc-password-reset-request>`;
    return html`
      <main class="sign-in">
        <form @submit=${this.submit} aria-labelledby="sign-in-heading" novalidate>
          <h1 id="sign-in-heading">${t(l, "signInHeading")}</h1>
          ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : null}
          <label for="sign-in-email">${t(l, "email")}</label>
          <input id="sign-in-email" name="email" type="email" autocomplete="username" required />
          <label for="sign-in-password">${t(l, "password")}</label>
          <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required />
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t(l, "signingIn") : t(l, "signIn")}</button>
          <button type="button" class="link" @click=${() => (this.forgot = true)}>${t(l, "forgotPassword")}</button>
        </form>
      </main>
    `;
  }
}

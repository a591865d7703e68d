// The page an invitation or reset link opens (/inbox/#invite=TOKEN): it greets the user, lets them
// choose a password (typed twice) and signs them in. A used, expired or replaced link says so and
// leads to the normal sign-in or to asking for a new reset link. A reset link sets the password
// with POST /api/auth/password-reset/confirm and then signs in with it. Raises "invitation-loaded"
// with who it is for (the shell takes its language), "invitation-accepted" with the session,
// "invitation-left" to go to the sign-in and "invitation-new-link" to ask for a new reset link.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LIMITS, type InvitationInfo, type Locale, type User } from "@live-chat/protocol";
import { acceptInvitation, ApiError, confirmPasswordReset, describeError, invitationInfo, login } from "../api.js";
import { dateTime } from "../format.js";
import { t, type MessageKey } from "../i18n.js";
import { LightElement } from "./light-element.js";

type Field = "password" | "confirm";

/** The link itself is used up or expired (410 on loading, 400 RESET_LINK_INVALID on a reset); anything else (no connection) may work on a second try. */
const deadLink = (err: unknown) => err instanceof ApiError && (err.status === 410 || err.body.code === "RESET_LINK_INVALID");

@customElement("lc-invitation")
export class Invitation extends LightElement {
  @property() token = "";
  @property() locale: Locale = "en";
  @state() private info: InvitationInfo | null = null;
  /** Why the link cannot be used (or could not be checked); shown instead of the form. */
  @state() private failure: unknown = null;
  @state() private busy = false;
  @state() private fieldErrors: Partial<Record<Field, MessageKey>> = {};
  /** A refusal that concerns no field (the server unreachable, too many tries). */
  @state() private formError: unknown = null;
  private password = "";
  private confirm = "";

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("token")) void this.load();
  }

  private async load(): Promise<void> {
    const token = this.token;
    this.info = null;
    this.failure = null;
    this.fieldErrors = {};
    this.formError = null;
    try {
      const info = await invitationInfo(token);
      if (token !== this.token) return;
      this.info = info;
      this.dispatchEvent(new CustomEvent<InvitationInfo>("invitation-loaded", { detail: info, bubbles: true }));
    } catch (err) {
      if (token === this.token) this.failure = err;
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const errors: Partial<Record<Field, MessageKey>> = {};
    if (this.password.length < LIMITS.password.min) errors.password = "choosePasswordTooShort";
    else if (this.password.length > LIMITS.password.max) errors.password = "choosePasswordTooLong";
    if (this.confirm !== this.password) errors.confirm = "choosePasswordMismatch";
    this.fieldErrors = errors;
    this.formError = null;
    if (errors.password || errors.confirm) return void this.focusFirstError();
    this.busy = true;
    try {
      const session = this.info?.reset ? await this.resetAndSignIn(this.info) : await acceptInvitation(this.token, this.password);
      this.dispatchEvent(new CustomEvent("invitation-accepted", { detail: session, bubbles: true }));
    } catch (err) {
      if (deadLink(err)) this.failure = err;
      else if (err instanceof ApiError && err.body.code === "BAD_REQUEST" && err.body.field === "password") {
        this.fieldErrors = { password: "choosePasswordTooShort" };
        void this.focusFirstError();
      } else this.formError = err;
    } finally {
      this.busy = false;
    }
  }

  private async resetAndSignIn(info: InvitationInfo): Promise<{ token: string; user: User }> {
    await confirmPasswordReset(this.token, this.password);
    return login(info.email, this.password, this.locale);
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }

  private leave(): void {
    this.dispatchEvent(new CustomEvent("invitation-left", { bubbles: true }));
  }

  private renderFailure(failure: unknown) {
    const l = this.locale;
    const dead = deadLink(failure);
    return html`
      <main class="sign-in">
        <section class="sign-in-card" aria-labelledby="invitation-heading">
          <h1 id="invitation-heading">${t(l, dead ? "invitationDeadHeading" : "invitationCheckFailed")}</h1>
          <p class="error" role="alert">${describeError(failure, l)}</p>
          ${dead ? null : html`<button type="button" @click=${() => void this.load()}>${t(l, "tryAgain")}</button>`}
          ${dead ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent("invitation-new-link", { bubbles: true }))}>${t(l, "resetAskNewLink")}</button>` : null}
          <button type="button" class="primary" @click=${this.leave}>${t(l, "goToSignIn")}</button>
        </section>
      </main>
    `;
  }

  private fieldError(field: Field) {
    const key = this.fieldErrors[field];
    return key ? html`<p class="error field-error" id="invitation-${field}-error" role="alert">${t(this.locale, key, { min: LIMITS.password.min, max: LIMITS.password.max })}</p>` : null;
  }

  protected override render() {
    const l = this.locale;
    if (this.failure) return this.renderFailure(this.failure);
    const info = this.info;
    if (!info) return html`<p class="loading">${t(l, "loading")}</p>`;
    const errors = this.fieldErrors;
    return html`
      <main class="sign-in">
        <form @submit=${this.submit} aria-labelledby="invitation-heading" aria-describedby="invitation-greeting" novalidate>
          <h1 id="invitation-heading">${t(l, info.reset ? "chooseNewPasswordHeading" : "choosePasswordHeading")}</h1>
          <div id="invitation-greeting">
            <p class="greeting">${t(l, info.reset ? "resetGreeting" : "inviteGreeting", { name: info.name })}</p>
            <p>${t(l, "invitationSignsInWith", { email: info.email })}</p>
          </div>
          <!-- For password managers: the account the new password belongs to. -->
          <input type="email" name="username" autocomplete="username" .value=${info.email} hidden readonly />
          <label for="invitation-password">${t(l, info.reset ? "chooseNewPassword" : "choosePassword")}</label>
          <input
            id="invitation-password"
            type="password"
            autocomplete="new-password"
            required
            minlength=${LIMITS.password.min}
            maxlength=${LIMITS.password.max}
            aria-invalid=${errors.password ? "true" : "false"}
            aria-describedby=${errors.password ? "invitation-password-error" : "invitation-password-help"}
            @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
          />
          ${errors.password ? this.fieldError("password") : html`<p class="help" id="invitation-password-help">${t(l, "choosePasswordHelp", { min: LIMITS.password.min })}</p>`}
          <label for="invitation-confirm">${t(l, "confirmPassword")}</label>
          <input
            id="invitation-confirm"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid=${errors.confirm ? "true" : "false"}
            aria-describedby=${errors.confirm ? "invitation-confirm-error" : ""}
            @input=${(e: Event) => (this.confirm = (e.target as HTMLInputElement).value)}
          />
          ${this.fieldError("confirm")}
          ${this.formError ? html`<p class="error" role="alert">${describeError(this.formError, l)}</p>` : null}
          <p class="meta">${t(l, "invitationValidUntil", { date: dateTime(info.expiresAt, l) })}</p>
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t(l, "savingPassword") : t(l, "savePasswordAndSignIn")}</button>
          <button type="button" class="link" @click=${this.leave}>${t(l, "goToSignIn")}</button>
        </form>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-invitation": Invitation;
  }
}

// Changes one user in place, under their row: name, email, role, capacity and language, or a new password.
import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LIMITS, LOCALES, ROLES, type Locale, type Role, type User } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { fieldError, formErrorOf, formLevelError, inLocale, revealError, type FormError } from "./form-error.js";

/** What is being changed: the user's details, or their password. */
export type UserEdit = { kind: "user"; user: User } | { kind: "password"; user: User };

const USER_FIELDS = ["name", "email", "role", "maxChats", "locale"] as const;

@customElement("lc-admin-user-editor")
export class AdminUserEditor extends LitElement {
  static override styles = [
    adminStyles,
    css`
      .inline-form { display: flex; flex-wrap: wrap; gap: 0 12px; align-items: start; }
      .inline-form .buttons { align-self: end; margin-bottom: 12px; }
    `,
  ];

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  /** A new object each time the admin opens an editor, which starts it without an old error. */
  @property({ attribute: false }) edit!: UserEdit;
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("edit")) this.error = null;
    else if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const edit = this.edit;
    const form = new FormData(e.target as HTMLFormElement);
    this.error = null;
    try {
      if (edit.kind === "password") {
        await this.api.updateUser(edit.user.id, { password: String(form.get("password") ?? "") });
      } else {
        await this.api.updateUser(edit.user.id, {
          name: String(form.get("name") ?? "").trim(),
          email: String(form.get("email") ?? "").trim(),
          role: form.get("role") as Role,
          maxChats: Number(form.get("maxChats")),
          locale: form.get("locale") as Locale,
        });
      }
      this.dispatchEvent(new CustomEvent<UserEdit>("saved", { detail: edit }));
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
      void revealError(this);
    }
  }

  private cancelButton() {
    return html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent("cancel"))}>${t(this.locale, "cancel")}</button>`;
  }

  private renderPassword() {
    const l = this.locale;
    const err = this.error;
    return html`<form class="inline-form" @submit=${this.save} novalidate>
      <div class="field">
        <label for="reset-password">${t(l, "newPassword")}</label>
        <input id="reset-password" name="password" type="password" autocomplete="new-password" minlength=${LIMITS.password.min}
          aria-invalid=${err?.field === "password"} aria-describedby="reset-password-error" />
        ${fieldError(err, "password", "reset-password-error")}
      </div>
      ${formLevelError(err, ["password"])}
      <div class="buttons">
        ${this.cancelButton()}
        <button type="submit" class="primary">${t(l, "setPassword")}</button>
      </div>
    </form>`;
  }

  private renderDetails(u: User) {
    const l = this.locale;
    const err = this.error;
    return html`<form class="inline-form" @submit=${this.save} novalidate aria-label=${t(l, "editUserHeading", { name: u.name })}>
      <div class="field"><label for="edit-name">${t(l, "name")}</label>
        <input id="edit-name" name="name" .value=${u.name} aria-invalid=${err?.field === "name"} />${fieldError(err, "name", "edit-name-error")}</div>
      <div class="field"><label for="edit-email">${t(l, "email")}</label>
        <input id="edit-email" name="email" type="email" .value=${u.email} aria-invalid=${err?.field === "email"} />${fieldError(err, "email", "edit-email-error")}</div>
      <div class="field"><label for="edit-role">${t(l, "role")}</label>
        <select id="edit-role" name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${u.role === r}>${t(l, `role_${r}`)}</option>`)}</select>
        ${fieldError(err, "role", "edit-role-error")}</div>
      <div class="field"><label for="edit-max">${t(l, "maxChats")}</label>
        <input id="edit-max" name="maxChats" type="number" min="1" max=${LIMITS.maxChats} .value=${String(u.maxChats ?? 3)} aria-invalid=${err?.field === "maxChats"} />
        ${fieldError(err, "maxChats", "edit-max-error")}</div>
      <div class="field"><label for="edit-locale">${t(l, "language")}</label>
        <select id="edit-locale" name="locale">${LOCALES.map((c) => html`<option value=${c} ?selected=${u.locale === c}>${t(l, `locale_${c}`)}</option>`)}</select></div>
      ${formLevelError(err, USER_FIELDS)}
      <div class="buttons">
        ${this.cancelButton()}
        <button type="submit" class="primary">${t(l, "save")}</button>
      </div>
    </form>`;
  }

  override render() {
    return this.edit.kind === "password" ? this.renderPassword() : this.renderDetails(this.edit.user);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-user-editor": AdminUserEditor;
  }
}

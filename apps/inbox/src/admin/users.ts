// The team: add operators and admins, set their capacity and role, reset a password, deactivate
// (signed out everywhere at once) or reactivate. The server keeps the last admin.
import { html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { LIMITS, LOCALES, ROLES, type Locale, type Role, type User } from "@live-chat/protocol";
import type { AdminApi, NewUser } from "./api.js";
import { t } from "./i18n.js";
import { adminStyles } from "./styles.js";
import "./confirm-dialog.js";
import type { AdminConfirm } from "./confirm-dialog.js";
import { fieldError, formErrorOf, formLevelError, inLocale, revealError, type FormError, type Localized } from "./form-error.js";

const NEW_USER_FIELDS = ["name", "email", "password", "role", "maxChats", "locale"] as const;
type Edit = { kind: "user"; user: User } | { kind: "password"; user: User };
/**
 * A new user being written. Capacity and language stay unset until the admin changes them: the
 * capacity then comes from the settings' default (on the server too), the language is the admin's.
 */
type Draft = Omit<NewUser, "maxChats"> & { maxChats: string | null };

@customElement("lc-admin-users")
export class AdminUsers extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) currentUser: User | null = null;
  @state() private users: User[] | null = null;
  @state() private draft: Draft = emptyDraft();
  /** Settings' capacity for new users, shown in the capacity field until the admin types another. */
  @state() private defaultMaxChats: number | null = null;
  @state() private createError: FormError | null = null;
  @state() private edit: Edit | null = null;
  @state() private editError: FormError | null = null;
  @state() private listError: FormError | null = null;
  @state() private notice: Localized | null = null;
  @query("lc-admin-confirm") private confirm!: AdminConfirm;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) {
      void this.load();
      void this.loadDefaults();
    }
    if (changed.has("locale")) {
      this.createError = inLocale(this.createError, this.locale);
      this.editError = inLocale(this.editError, this.locale);
      this.listError = inLocale(this.listError, this.locale);
    }
  }

  private async load(): Promise<void> {
    try {
      this.users = await this.api.users();
    } catch (err) {
      this.listError = formErrorOf(err, this.locale);
    }
  }

  /** Without the settings the field stays empty, and the server still applies its default. */
  private async loadDefaults(): Promise<void> {
    try {
      this.defaultMaxChats = (await this.api.settings()).defaultMaxChats;
    } catch {
      this.defaultMaxChats = null;
    }
  }

  /** What is sent: capacity only when the admin typed one, so the server's default applies otherwise. */
  private newUser(): NewUser {
    const { maxChats, locale, ...rest } = this.draft;
    const typed = maxChats?.trim() ?? "";
    return {
      ...rest,
      email: rest.email.trim(),
      name: rest.name.trim(),
      locale: locale ?? this.locale,
      ...(typed ? { maxChats: Number(typed) } : {}),
    };
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    this.createError = null;
    this.notice = null;
    try {
      const user = await this.api.createUser(this.newUser());
      this.notice = (l) => t(l, "userCreated", { name: user.name });
      this.draft = emptyDraft();
      await Promise.all([this.load(), this.loadDefaults()]);
    } catch (err) {
      this.createError = formErrorOf(err, this.locale);
      void revealError(this);
    }
  }

  private async saveEdit(e: Event): Promise<void> {
    e.preventDefault();
    const edit = this.edit;
    if (!edit) return;
    const form = new FormData(e.target as HTMLFormElement);
    this.editError = null;
    try {
      if (edit.kind === "password") {
        await this.api.updateUser(edit.user.id, { password: String(form.get("password") ?? "") });
        this.notice = (l) => t(l, "passwordReset", { name: edit.user.name });
      } else {
        await this.api.updateUser(edit.user.id, {
          name: String(form.get("name") ?? "").trim(),
          email: String(form.get("email") ?? "").trim(),
          role: form.get("role") as Role,
          maxChats: Number(form.get("maxChats")),
          locale: form.get("locale") as Locale,
        });
        this.notice = (l) => t(l, "saved");
      }
      this.edit = null;
      await this.load();
    } catch (err) {
      this.editError = formErrorOf(err, this.locale);
      void revealError(this);
    }
  }

  private async askDeactivate(user: User): Promise<void> {
    const l = this.locale;
    this.listError = null;
    if (!(await this.confirm.ask(t(l, "confirmDeactivate", { name: user.name }), { confirm: t(l, "deactivate"), cancel: t(l, "cancel") }))) return;
    try {
      await this.api.deactivateUser(user.id);
      await this.load();
    } catch (err) {
      this.listError = formErrorOf(err, this.locale);
    }
  }

  private async reactivate(user: User): Promise<void> {
    this.listError = null;
    try {
      await this.api.updateUser(user.id, { active: true });
      await this.load();
    } catch (err) {
      this.listError = formErrorOf(err, this.locale);
    }
  }

  private renderEdit(edit: Edit) {
    const l = this.locale;
    const u = edit.user;
    const err = this.editError;
    if (edit.kind === "password") {
      return html`<tr><td colspan="6">
        <form class="inline-form" @submit=${this.saveEdit} novalidate>
          <div class="field">
            <label for="reset-password">${t(l, "newPassword")}</label>
            <input id="reset-password" name="password" type="password" autocomplete="new-password" minlength=${LIMITS.password.min}
              aria-invalid=${err?.field === "password"} aria-describedby="reset-password-error" />
            ${fieldError(err, "password", "reset-password-error")}
          </div>
          ${formLevelError(err, ["password"])}
          <div class="buttons">
            <button type="button" @click=${() => (this.edit = null)}>${t(l, "cancel")}</button>
            <button type="submit" class="primary">${t(l, "setPassword")}</button>
          </div>
        </form>
      </td></tr>`;
    }
    return html`<tr><td colspan="6">
      <form class="inline-form" @submit=${this.saveEdit} novalidate aria-label=${t(l, "editUserHeading", { name: u.name })}>
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
        ${formLevelError(err, ["name", "email", "role", "maxChats", "locale"])}
        <div class="buttons">
          <button type="button" @click=${() => (this.edit = null)}>${t(l, "cancel")}</button>
          <button type="submit" class="primary">${t(l, "save")}</button>
        </div>
      </form>
    </td></tr>`;
  }

  private renderRow(u: User) {
    const l = this.locale;
    const isMe = u.id === this.currentUser?.id;
    const row = html`<tr class=${u.active === false ? "inactive" : ""}>
      <td><strong>${u.name}</strong> ${isMe ? html`<span class="muted">${t(l, "you")}</span>` : nothing}<div class="muted">${u.email}</div></td>
      <td>${t(l, `role_${u.role}`)}</td>
      <td>${u.maxChats ?? ""}</td>
      <td>${u.active === false ? t(l, "deactivated") : t(l, "active")}</td>
      <td>${u.active === false ? "" : t(l, `presence_${u.presence ?? "offline"}`)}</td>
      <td><div class="row-actions">
        ${u.active === false
          ? html`<button class="small" @click=${() => this.reactivate(u)}>${t(l, "reactivate")}</button>`
          : html`
              <button class="small" aria-label=${t(l, "editNamed", { title: u.name })} @click=${() => { this.edit = { kind: "user", user: u }; this.editError = null; }}>${t(l, "edit")}</button>
              <button class="small" @click=${() => { this.edit = { kind: "password", user: u }; this.editError = null; }}>${t(l, "resetPassword")}</button>
              <button class="small danger" @click=${() => this.askDeactivate(u)}>${t(l, "deactivate")}</button>
            `}
      </div></td>
    </tr>`;
    return this.edit?.user.id === u.id ? html`${row}${this.renderEdit(this.edit)}` : row;
  }

  private renderCreate() {
    const l = this.locale;
    const d = this.draft;
    const err = this.createError;
    const set = (key: keyof Draft) => (e: Event) => {
      this.draft = { ...this.draft, [key]: (e.target as HTMLInputElement).value };
    };
    const maxChats = d.maxChats ?? (this.defaultMaxChats === null ? "" : String(this.defaultMaxChats));
    const language = d.locale ?? l;
    return html`
      <form class="card create" @submit=${this.create} novalidate aria-labelledby="add-user-heading">
        <h3 id="add-user-heading">${t(l, "addUserHeading")}</h3>
        <div class="form-grid">
          <div class="field"><label for="new-name">${t(l, "name")}</label>
            <input id="new-name" .value=${d.name} maxlength=${LIMITS.name} @input=${set("name")} aria-invalid=${err?.field === "name"} />
            ${fieldError(err, "name", "new-name-error")}</div>
          <div class="field"><label for="new-email">${t(l, "email")}</label>
            <input id="new-email" type="email" autocomplete="off" .value=${d.email} @input=${set("email")} aria-invalid=${err?.field === "email"} />
            ${fieldError(err, "email", "new-email-error")}</div>
          <div class="field"><label for="new-password">${t(l, "password")}</label>
            <input id="new-password" type="password" autocomplete="new-password" .value=${d.password} @input=${set("password")}
              aria-invalid=${err?.field === "password"} aria-describedby="new-password-help" />
            <p class="help" id="new-password-help">${t(l, "passwordHelp")}</p>
            ${fieldError(err, "password", "new-password-error")}</div>
          <div class="field"><label for="new-role">${t(l, "role")}</label>
            <select id="new-role" @change=${set("role")}>${ROLES.map((r) => html`<option value=${r} ?selected=${d.role === r}>${t(l, `role_${r}`)}</option>`)}</select>
            ${fieldError(err, "role", "new-role-error")}</div>
          <div class="field"><label for="new-max">${t(l, "maxChats")}</label>
            <input id="new-max" type="number" min="1" max=${LIMITS.maxChats} .value=${maxChats} @input=${set("maxChats")}
              aria-invalid=${err?.field === "maxChats"} aria-describedby="new-max-help new-max-error" />
            ${this.defaultMaxChats === null ? nothing : html`<p class="help" id="new-max-help">${t(l, "maxChatsDefaultHelp", { n: this.defaultMaxChats })}</p>`}
            ${fieldError(err, "maxChats", "new-max-error")}</div>
          <div class="field"><label for="new-locale">${t(l, "language")}</label>
            <select id="new-locale" @change=${set("locale")}>${LOCALES.map((c) => html`<option value=${c} ?selected=${language === c}>${t(l, `locale_${c}`)}</option>`)}</select></div>
        </div>
        ${formLevelError(err, NEW_USER_FIELDS)}
        <div class="buttons"><button type="submit" class="primary">${t(l, "addUser")}</button></div>
      </form>
    `;
  }

  override render() {
    const l = this.locale;
    return html`
      <style>
        .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 0 12px; align-items: start; }
        .inline-form { display: flex; flex-wrap: wrap; gap: 0 12px; align-items: start; }
        .inline-form .buttons { align-self: end; margin-bottom: 12px; }
        form.create { margin-top: 16px; }
        tr.inactive td { color: var(--lc-muted, #5b6676); }
      </style>
      <h2>${t(l, "usersHeading")}</h2>
      <p class="intro">${t(l, "usersIntro")}</p>
      ${this.notice ? html`<p class="notice" role="status">${this.notice(l)}</p>` : nothing}
      ${this.listError ? html`<p class="error" role="alert">${this.listError.message}</p>` : nothing}
      ${this.users === null
        ? html`<p>${t(l, "loading")}</p>`
        : html`<table>
            <thead><tr>
              <th>${t(l, "name")}</th><th>${t(l, "role")}</th><th>${t(l, "maxChats")}</th>
              <th>${t(l, "status")}</th><th>${t(l, "presence")}</th><th>${t(l, "actions")}</th>
            </tr></thead>
            <tbody>${this.users.map((u) => this.renderRow(u))}</tbody>
          </table>`}
      ${this.renderCreate()}
      <lc-admin-confirm></lc-admin-confirm>
    `;
  }
}

function emptyDraft(): Draft {
  return { name: "", email: "", password: "", role: "operator", maxChats: null };
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-users": AdminUsers;
  }
}

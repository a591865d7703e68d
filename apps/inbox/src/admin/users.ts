// The team: add operators and admins (with a password, or a one-time invitation link with which
// they choose one), set their capacity and role, reset a password or hand out a link to choose a
// new one, deactivate (signed out everywhere at once) or reactivate. The server keeps the last admin.
import { html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { LIMITS, LOCALES, ROLES, type InvitationLink, type Locale, type Role, type User } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import type { AdminApi, NewUser } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import "./confirm-dialog.js";
import type { AdminConfirm } from "./confirm-dialog.js";
import { fieldError, formErrorOf, formLevelError, inLocale, revealError, type FormError, type Localized } from "./form-error.js";

const NEW_USER_FIELDS = ["name", "email", "password", "role", "maxChats", "locale"] as const;
type Edit = { kind: "user"; user: User } | { kind: "password"; user: User };
/** How a new user gets a password: typed by the admin now, or chosen by them with a one-time link. */
type How = "password" | "invite";
const HOWS: readonly How[] = ["password", "invite"];
/**
 * A new user being written. Capacity and language stay unset until the admin changes them: the
 * capacity then comes from the settings' default (on the server too), the language is the admin's.
 */
type Draft = { name: string; email: string; password: string; role: Role; maxChats: string | null; locale?: Locale; how: How };
/** A link just made, shown once: under the user's row, or under the form that created them. */
type LinkPanel = { user: User; link: InvitationLink; reset: boolean; at: "create" | "row" };

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
  @state() private linkPanel: LinkPanel | null = null;
  @state() private copied: "copied" | "selected" | null = null;
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
    const { maxChats, locale, how, password, ...rest } = this.draft;
    const typed = maxChats?.trim() ?? "";
    const fields = {
      ...rest,
      email: rest.email.trim(),
      name: rest.name.trim(),
      locale: locale ?? this.locale,
      ...(typed ? { maxChats: Number(typed) } : {}),
    };
    return how === "invite" ? { ...fields, invite: true } : { ...fields, password };
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    this.createError = null;
    this.notice = null;
    this.linkPanel = null;
    try {
      const { invitation, ...user } = await this.api.createUser(this.newUser());
      if (invitation) this.showLink({ user, link: invitation, reset: false, at: "create" });
      else this.notice = (l) => t(l, "userCreated", { name: user.name });
      // The next user is most likely added the same way.
      this.draft = { ...emptyDraft(), how: this.draft.how };
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
        // A password set by hand ends that user's unused links.
        if (this.linkPanel?.user.id === edit.user.id) this.linkPanel = null;
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

  /** A new one-time link for this user: the invitation again, or a reset when they have a password. */
  private async newLink(user: User): Promise<void> {
    this.listError = null;
    this.notice = null;
    try {
      const link = await this.api.newInvitation(user.id);
      this.showLink({ user, link, reset: user.hasPassword !== false, at: "row" });
      await this.load();
    } catch (err) {
      this.listError = formErrorOf(err, this.locale);
    }
  }

  /** Shows the link once and puts the focus on it, selected, ready to copy. */
  private showLink(panel: LinkPanel): void {
    this.linkPanel = panel;
    this.copied = null;
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>("#invite-link");
      input?.focus();
      input?.select();
    });
  }

  private async copyLink(url: string): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>("#invite-link");
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      this.copied = "copied";
    } catch {
      // No clipboard access (an insecure origin, or refused): select the link for Ctrl+C.
      input?.focus();
      input?.select();
      this.copied = "selected";
    }
  }

  private renderLinkPanel(panel: LinkPanel) {
    const l = this.locale;
    const name = panel.user.name;
    const date = dateTime(panel.link.expiresAt, l);
    return html`<section class="card link-panel" aria-labelledby="link-panel-heading">
      <h3 id="link-panel-heading">${t(l, panel.reset ? "resetLinkFor" : "invitationLinkFor", { name })}</h3>
      <p id="link-panel-explain">
        ${t(l, panel.reset ? "resetExplain" : "inviteExplain", { name, date })}
        ${panel.at === "row" ? t(l, "earlierLinksDead", { name }) : nothing}
      </p>
      <div class="field">
        <label for="invite-link">${t(l, "signInLink")}</label>
        <div class="inline">
          <input id="invite-link" class="link" readonly .value=${panel.link.url} aria-describedby="link-panel-explain"
            @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="primary" @click=${() => void this.copyLink(panel.link.url)}>${t(l, "copyLink")}</button>
        </div>
      </div>
      <p class="copied" role="status">${this.copied === "copied" ? t(l, "linkCopied") : this.copied === "selected" ? t(l, "linkSelected") : nothing}</p>
      <div class="buttons"><button type="button" @click=${() => (this.linkPanel = null)}>${t(l, "done")}</button></div>
    </section>`;
  }

  private async askDeactivate(user: User): Promise<void> {
    const l = this.locale;
    this.listError = null;
    if (!(await this.confirm.ask(t(l, "confirmDeactivate", { name: user.name }), { confirm: t(l, "deactivate"), cancel: t(l, "cancel") }))) return;
    try {
      await this.api.deactivateUser(user.id);
      if (this.linkPanel?.user.id === user.id) this.linkPanel = null;
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
      <td>${u.active === false
        ? t(l, "deactivated")
        : u.hasPassword === false
          ? html`<span class="tag invited">${t(l, "invited")}</span><p class="help">${t(l, "invitedHelp")}</p>`
          : t(l, "active")}</td>
      <td>${u.active === false ? "" : t(l, `presence_${u.presence ?? "offline"}`)}</td>
      <td><div class="row-actions">
        ${u.active === false
          ? html`<button class="small" @click=${() => this.reactivate(u)}>${t(l, "reactivate")}</button>`
          : html`
              <button class="small" aria-label=${t(l, "editNamed", { title: u.name })} @click=${() => { this.edit = { kind: "user", user: u }; this.editError = null; }}>${t(l, "edit")}</button>
              <button class="small" @click=${() => { this.edit = { kind: "password", user: u }; this.editError = null; }}>${t(l, "resetPassword")}</button>
              <button class="small" @click=${() => this.newLink(u)}>${t(l, "newSignInLink")}</button>
              <button class="small danger" @click=${() => this.askDeactivate(u)}>${t(l, "deactivate")}</button>
            `}
      </div></td>
    </tr>`;
    const panel = this.linkPanel?.at === "row" && this.linkPanel.user.id === u.id ? html`<tr class="link-row"><td colspan="6">${this.renderLinkPanel(this.linkPanel)}</td></tr>` : nothing;
    return html`${row}${this.edit?.user.id === u.id ? this.renderEdit(this.edit) : nothing}${panel}`;
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
        ${this.renderHow(d.how)}
        <div class="form-grid">
          <div class="field"><label for="new-name">${t(l, "name")}</label>
            <input id="new-name" .value=${d.name} maxlength=${LIMITS.name} @input=${set("name")} aria-invalid=${err?.field === "name"} />
            ${fieldError(err, "name", "new-name-error")}</div>
          <div class="field"><label for="new-email">${t(l, "email")}</label>
            <input id="new-email" type="email" autocomplete="off" .value=${d.email} @input=${set("email")} aria-invalid=${err?.field === "email"} />
            ${fieldError(err, "email", "new-email-error")}</div>
          ${d.how === "password"
            ? html`<div class="field"><label for="new-password">${t(l, "password")}</label>
                <input id="new-password" type="password" autocomplete="new-password" .value=${d.password} @input=${set("password")}
                  aria-invalid=${err?.field === "password"} aria-describedby="new-password-help" />
                <p class="help" id="new-password-help">${t(l, "passwordHelp")}</p>
                ${fieldError(err, "password", "new-password-error")}</div>`
            : nothing}
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
        ${formLevelError(err, d.how === "password" ? NEW_USER_FIELDS : NEW_USER_FIELDS.filter((f) => f !== "password"))}
        <div class="buttons"><button type="submit" class="primary">${t(l, "addUser")}</button></div>
      </form>
      ${this.linkPanel?.at === "create" ? this.renderLinkPanel(this.linkPanel) : nothing}
    `;
  }

  /**
   * The choice between a password now and an invitation link: a radio group (arrow keys move and
   * choose, one tab stop). Built from buttons so that "password" labels no field but the password's own.
   */
  private renderHow(how: How) {
    const l = this.locale;
    const choose = (next: How, focus = false) => {
      this.draft = { ...this.draft, how: next };
      if (this.createError?.field === "password") this.createError = null;
      if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#how-${next}`)?.focus());
    };
    const onKey = (e: KeyboardEvent) => {
      const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      choose(HOWS[(HOWS.indexOf(how) + step + HOWS.length) % HOWS.length], true);
    };
    const label: Record<How, "howPassword" | "howInvite"> = { password: "howPassword", invite: "howInvite" };
    return html`<div class="field">
      <span class="label" id="how-label">${t(l, "firstSignIn")}</span>
      <div class="how" role="radiogroup" aria-labelledby="how-label" @keydown=${onKey}>
        ${HOWS.map(
          (h) => html`<button type="button" role="radio" id="how-${h}" class="how-option" aria-checked=${h === how ? "true" : "false"}
            tabindex=${h === how ? 0 : -1} aria-describedby=${h === "invite" ? "how-invite-help" : nothing} @click=${() => choose(h)}>
            <span class="dot" aria-hidden="true"></span>${t(l, label[h])}
          </button>`,
        )}
      </div>
      ${how === "invite" ? html`<p class="help" id="how-invite-help">${t(l, "howInviteHelp")}</p>` : nothing}
    </div>`;
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
        .how { display: flex; flex-wrap: wrap; gap: 8px; }
        .how-option { display: inline-flex; align-items: center; gap: 8px; }
        .how-option[aria-checked="true"] { border-color: var(--live-chat-accent, #1f6feb); font-weight: 600; }
        .how-option .dot { width: 14px; height: 14px; border-radius: 50%; border: 2px solid var(--lc-muted, #5b6676); flex: none; }
        .how-option[aria-checked="true"] .dot { border-color: var(--live-chat-accent, #1f6feb); background: radial-gradient(var(--live-chat-accent, #1f6feb) 45%, transparent 50%); }
        .link-panel { margin-top: 16px; border-color: var(--live-chat-accent, #1f6feb); }
        tr.link-row > td { padding: 0 8px; }
        .link-panel .inline { flex-wrap: wrap; }
        .link-panel input.link { flex: 1; min-width: 260px; font-family: ui-monospace, monospace; font-size: 0.9em; }
        .link-panel .copied { min-height: 1.2em; margin: 0; color: var(--lc-green, #1a7f37); }
        .tag.invited { background: var(--lc-amber-bg, #fff3d6); color: var(--lc-amber, #9a5b00); }
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
  return { name: "", email: "", password: "", role: "operator", maxChats: null, how: "password" };
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-users": AdminUsers;
  }
}

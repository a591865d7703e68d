// Adds an operator or admin: with a password typed now, or with a one-time invitation link with which
// they choose one. Capacity and language follow the settings' default and the admin's own until changed.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LIMITS, LOCALES, ROLES, type InvitationLink, type Locale, type Role, type User } from "@live-chat/protocol";
import type { AdminApi, NewUser } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { fieldError, formErrorOf, formLevelError, inLocale, revealError, type FormError } from "./form-error.js";

const NEW_USER_FIELDS = ["name", "email", "password", "role", "maxChats", "locale"] as const;
/** How a new user gets a password: typed by the admin now, or chosen by them with a one-time link. */
type How = "password" | "invite";
const HOWS: readonly How[] = ["password", "invite"];
const HOW_LABEL: Record<How, "howPassword" | "howInvite"> = { password: "howPassword", invite: "howInvite" };
/**
 * A new user being written. Capacity and language stay unset until the admin changes them: the
 * capacity then comes from the settings' default (on the server too), the language is the admin's.
 */
type Draft = { name: string; email: string; password: string; role: Role; maxChats: string | null; locale?: Locale; how: How };

/** Raised when the server has created the user; `invitation` when they choose their password with a link. */
export type UserCreated = { user: User; invitation?: InvitationLink };

@customElement("lc-admin-new-user")
export class AdminNewUser extends LitElement {
  static override styles = [
    adminStyles,
    css`
      .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 0 12px; align-items: start; }
      form.create { margin-top: 16px; }
      .how { display: flex; flex-wrap: wrap; gap: 8px; }
      .how-option { display: inline-flex; align-items: center; gap: 8px; }
      .how-option[aria-checked="true"] { border-color: var(--live-chat-accent, #1f6feb); font-weight: 600; }
      .how-option .dot { width: 14px; height: 14px; border-radius: 50%; border: 2px solid var(--lc-muted, #5b6676); flex: none; }
      .how-option[aria-checked="true"] .dot { border-color: var(--live-chat-accent, #1f6feb); background: radial-gradient(var(--live-chat-accent, #1f6feb) 45%, transparent 50%); }
    `,
  ];

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private draft: Draft = emptyDraft();
  /** Settings' capacity for new users, shown in the capacity field until the admin types another. */
  @state() private defaultMaxChats: number | null = null;
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.loadDefaults();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
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
    this.error = null;
    // What the page says about the last user added no longer applies.
    this.dispatchEvent(new CustomEvent("creating"));
    try {
      const { invitation, ...user } = await this.api.createUser(this.newUser());
      this.dispatchEvent(new CustomEvent<UserCreated>("created", { detail: invitation ? { user, invitation } : { user } }));
      // The next user is most likely added the same way.
      this.draft = { ...emptyDraft(), how: this.draft.how };
      await this.loadDefaults();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
      void revealError(this);
    }
  }

  /**
   * The choice between a password now and an invitation link: a radio group (arrow keys move and
   * choose, one tab stop). Built from buttons so that "password" labels no field but the password's own.
   */
  private renderHow(how: How) {
    const l = this.locale;
    const choose = (next: How, focus = false) => {
      this.draft = { ...this.draft, how: next };
      if (this.error?.field === "password") this.error = null;
      if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#how-${next}`)?.focus());
    };
    const onKey = (e: KeyboardEvent) => {
      const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      choose(HOWS[(HOWS.indexOf(how) + step + HOWS.length) % HOWS.length], true);
    };
    return html`<div class="field">
      <span class="label" id="how-label">${t(l, "firstSignIn")}</span>
      <div class="how" role="radiogroup" aria-labelledby="how-label" @keydown=${onKey}>
        ${HOWS.map(
          (h) => html`<button type="button" role="radio" id="how-${h}" class="how-option" aria-checked=${h === how ? "true" : "false"}
            tabindex=${h === how ? 0 : -1} aria-describedby=${h === "invite" ? "how-invite-help" : nothing} @click=${() => choose(h)}>
            <span class="dot" aria-hidden="true"></span>${t(l, HOW_LABEL[h])}
          </button>`,
        )}
      </div>
      ${how === "invite" ? html`<p class="help" id="how-invite-help">${t(l, "howInviteHelp")}</p>` : nothing}
    </div>`;
  }

  override render() {
    const l = this.locale;
    const d = this.draft;
    const err = this.error;
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
    `;
  }
}

function emptyDraft(): Draft {
  return { name: "", email: "", password: "", role: "operator", maxChats: null, how: "password" };
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-new-user": AdminNewUser;
  }
}

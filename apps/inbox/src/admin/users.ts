// The team: add operators and admins (with a password, or a one-time invitation link with which
// they choose one), set their capacity and role, reset a password or hand out a link to choose a
// new one, deactivate (signed out everywhere at once) or reactivate. The server keeps the last admin.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { Locale, User } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import "./confirm-dialog.js";
import type { AdminConfirm } from "./confirm-dialog.js";
import { formErrorOf, inLocale, type FormError, type Localized } from "./form-error.js";
import "./new-user-form.js";
import type { UserCreated } from "./new-user-form.js";
import "./sign-in-link.js";
import type { LinkPanel } from "./sign-in-link.js";
import "./user-editor.js";
import type { UserEdit } from "./user-editor.js";

@customElement("lc-admin-users")
export class AdminUsers extends LitElement {
  static override styles = [
    adminStyles,
    css`
      tr.inactive td { color: var(--lc-muted, #5b6676); }
      tr.link-row > td { padding: 0 8px; }
      .tag.invited { background: var(--lc-amber-bg, #fff3d6); color: var(--lc-amber, #9a5b00); }
    `,
  ];

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) currentUser: User | null = null;
  @state() private users: User[] | null = null;
  @state() private edit: UserEdit | null = null;
  @state() private listError: FormError | null = null;
  @state() private notice: Localized | null = null;
  @state() private linkPanel: LinkPanel | null = null;
  @query("lc-admin-confirm") private confirm!: AdminConfirm;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.listError = inLocale(this.listError, this.locale);
  }

  private async load(): Promise<void> {
    try {
      this.users = await this.api.users();
    } catch (err) {
      this.listError = formErrorOf(err, this.locale);
    }
  }

  private onCreating(): void {
    this.notice = null;
    this.linkPanel = null;
  }

  private async onCreated(e: CustomEvent<UserCreated>): Promise<void> {
    const { user, invitation } = e.detail;
    if (invitation) this.linkPanel = { user, link: invitation, reset: false, at: "create" };
    else this.notice = (l) => t(l, "userCreated", { name: user.name });
    await this.load();
  }

  private async onSaved(e: CustomEvent<UserEdit>): Promise<void> {
    const { kind, user } = e.detail;
    if (kind === "password") {
      this.notice = (l) => t(l, "passwordReset", { name: user.name });
      // A password set by hand ends that user's unused links.
      if (this.linkPanel?.user.id === user.id) this.linkPanel = null;
    } else {
      this.notice = (l) => t(l, "saved");
    }
    this.edit = null;
    await this.load();
  }

  /** A new one-time link for this user: the invitation again, or a reset when they have a password. */
  private async newLink(user: User): Promise<void> {
    this.listError = null;
    this.notice = null;
    try {
      const link = await this.api.newInvitation(user.id);
      this.linkPanel = { user, link, reset: user.hasPassword !== false, at: "row" };
      await this.load();
    } catch (err) {
      this.listError = formErrorOf(err, this.locale);
    }
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

  private renderLinkPanel(panel: LinkPanel) {
    return html`<lc-admin-sign-in-link .locale=${this.locale} .panel=${panel} @done=${() => (this.linkPanel = null)}></lc-admin-sign-in-link>`;
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
              <button class="small" aria-label=${t(l, "editNamed", { title: u.name })} @click=${() => (this.edit = { kind: "user", user: u })}>${t(l, "edit")}</button>
              <button class="small" @click=${() => (this.edit = { kind: "password", user: u })}>${t(l, "resetPassword")}</button>
              <button class="small" @click=${() => this.newLink(u)}>${t(l, "newSignInLink")}</button>
              <button class="small danger" @click=${() => this.askDeactivate(u)}>${t(l, "deactivate")}</button>
            `}
      </div></td>
    </tr>`;
    const editor = this.edit?.user.id === u.id
      ? html`<tr><td colspan="6"><lc-admin-user-editor .api=${this.api} .locale=${l} .edit=${this.edit}
          @saved=${this.onSaved} @cancel=${() => (this.edit = null)}></lc-admin-user-editor></td></tr>`
      : nothing;
    const panel = this.linkPanel?.at === "row" && this.linkPanel.user.id === u.id ? html`<tr class="link-row"><td colspan="6">${this.renderLinkPanel(this.linkPanel)}</td></tr>` : nothing;
    return html`${row}${editor}${panel}`;
  }

  override render() {
    const l = this.locale;
    return html`
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
      <lc-admin-new-user .api=${this.api} .locale=${l} @creating=${this.onCreating} @created=${this.onCreated}></lc-admin-new-user>
      ${this.linkPanel?.at === "create" ? this.renderLinkPanel(this.linkPanel) : nothing}
      <lc-admin-confirm></lc-admin-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-users": AdminUsers;
  }
}

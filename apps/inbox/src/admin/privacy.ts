// The Privacy page: find a visitor by name or e-mail, download everything stored about them (JSON,
// or the transcript as text), and erase them after a confirmation that names them.
import { html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { Locale, PrivacyVisitor } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import type { AdminApi } from "./api.js";
import { adminStyles } from "./styles.js";
import { formErrorOf, inLocale, localError, type FormError, type Localized } from "./form-error.js";
import type { AdminConfirm } from "./confirm-dialog.js";
import "./confirm-dialog.js";

@customElement("lc-admin-privacy")
export class AdminPrivacy extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private q = "";
  /** The search the results answer (null before the first one). */
  @state() private searched: string | null = null;
  @state() private visitors: PrivacyVisitor[] = [];
  @state() private error: FormError | null = null;
  @state() private notice: Localized | null = null;
  @state() private busy = false;
  @query("lc-admin-confirm") private confirm!: AdminConfirm;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  /** How the visitor is named to the admin: name and address, whichever are known. */
  private label(v: PrivacyVisitor): string {
    const name = v.name ?? t(this.locale, "privacyUnnamed");
    return v.email ? `${name} (${v.email})` : name;
  }

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    this.notice = null;
    const q = this.q.trim();
    if (q.length < 2) {
      this.error = localError((lang) => t(lang, "privacySearchTooShort"), this.locale, "q");
      return;
    }
    await this.act(async () => {
      this.visitors = await this.api.privacySearch(q);
      this.searched = q;
    });
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    } finally {
      this.busy = false;
    }
  }

  private download(v: PrivacyVisitor, format: "json" | "text"): Promise<void> {
    return this.act(async () => {
      const { blob, filename } = await this.api.privacyExport(v.id, format);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      const visitor = this.label(v);
      this.notice = (lang) => t(lang, "privacyExported", { visitor });
    });
  }

  private async erase(v: PrivacyVisitor): Promise<void> {
    const l = this.locale;
    const visitor = this.label(v);
    if (!(await this.confirm.ask(t(l, "privacyEraseConfirm", { visitor }), { confirm: t(l, "privacyErase"), cancel: t(l, "cancel") }))) return;
    await this.act(async () => {
      await this.api.eraseVisitor(v.id);
      this.visitors = this.visitors.filter((other) => other.id !== v.id);
      this.notice = (lang) => t(lang, "privacyErased", { visitor });
    });
  }

  private renderRow(v: PrivacyVisitor) {
    const l = this.locale;
    return html`<tr>
      <td><strong>${v.name ?? t(l, "privacyUnnamed")}</strong>${v.email ? html`<br /><span class="muted">${v.email}</span>` : nothing}</td>
      <td>${v.conversations}</td>
      <td>${v.offlineMessages}</td>
      <td><time datetime=${v.lastSeenAt}>${dateTime(v.lastSeenAt, l)}</time></td>
      <td class="row-actions">
        <button type="button" class="small" ?disabled=${this.busy} aria-label="${t(l, "privacyExportJson")}: ${this.label(v)}" @click=${() => void this.download(v, "json")}>${t(l, "privacyExportJson")}</button>
        <button type="button" class="small" ?disabled=${this.busy} aria-label="${t(l, "privacyExportText")}: ${this.label(v)}" @click=${() => void this.download(v, "text")}>${t(l, "privacyExportText")}</button>
        ${v.inChat
          ? html`<span class="muted">${t(l, "privacyInChat")}</span>`
          : html`<button type="button" class="small danger" ?disabled=${this.busy} aria-label="${t(l, "privacyErase")}: ${this.label(v)}" @click=${() => void this.erase(v)}>${t(l, "privacyErase")}</button>`}
      </td>
    </tr>`;
  }

  override render() {
    const l = this.locale;
    return html`
      <h2>${t(l, "privacyHeading")}</h2>
      <p class="intro">${t(l, "privacyIntro")}</p>
      <form class="toolbar" role="search" @submit=${(e: Event) => void this.search(e)}>
        <div class="field">
          <label for="privacy-q">${t(l, "privacySearch")}</label>
          <input id="privacy-q" type="search" autocomplete="off" .value=${this.q} @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field"><button type="submit" class="primary" ?disabled=${this.busy}>${t(l, "search")}</button></div>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${this.notice ? html`<p class="notice" role="status">${this.notice(l)}</p>` : nothing}
      ${this.searched === null
        ? nothing
        : this.visitors.length === 0
          ? html`<p class="muted">${t(l, "privacyNoVisitors", { q: this.searched })}</p>`
          : html`<table>
              <thead><tr><th>${t(l, "privacyVisitor")}</th><th>${t(l, "privacyChats")}</th><th>${t(l, "privacyOfflineMessages")}</th><th>${t(l, "privacyLastSeen")}</th><th></th></tr></thead>
              <tbody>${this.visitors.map((v) => this.renderRow(v))}</tbody>
            </table>`}
      <lc-admin-confirm></lc-admin-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-privacy": AdminPrivacy;
  }
}

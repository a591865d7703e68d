// Settings → Mail templates: an admin previews every mail the product sends, in Dutch and in
// English, filled with sample values: the subject, the plain text and the HTML as it renders (in a
// sandboxed frame, so the mail's markup never runs in the inbox).
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LOCALES, MAIL_TEMPLATES, type Locale, type MailPreview, type MailTemplateName } from "@live-chat/protocol";
import { describeError } from "../api.js";
import { t } from "../i18n.js";
import type { AdminApi } from "./api.js";
import { adminStyles } from "./styles.js";

@customElement("lc-admin-mail-templates")
export class AdminMailTemplates extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private name: MailTemplateName = MAIL_TEMPLATES[0];
  /** The mail's language, chosen apart from the admin's own. */
  @state() private mailLocale: Locale | null = null;
  @state() private preview: MailPreview | null = null;
  @state() private error: unknown = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api") || changed.has("name") || changed.has("mailLocale") || (changed.has("locale") && this.mailLocale === null)) void this.load();
  }

  private async load(): Promise<void> {
    const name = this.name;
    const locale = this.mailLocale ?? this.locale;
    try {
      const preview = await this.api.mailPreview(name, locale);
      if (name === this.name && locale === (this.mailLocale ?? this.locale)) [this.preview, this.error] = [preview, null];
    } catch (err) {
      this.error = err;
    }
  }

  override render() {
    const l = this.locale;
    const p = this.preview;
    return html`<section class="card mail-templates" aria-labelledby="mail-templates-heading">
      <h3 id="mail-templates-heading">${t(l, "mailTemplatesHeading")}</h3>
      <div class="row">
        <label for="mail-template-name">${t(l, "mailTemplateChoose")}</label>
        <select id="mail-template-name" @change=${(e: Event) => (this.name = (e.target as HTMLSelectElement).value as MailTemplateName)}>
          ${MAIL_TEMPLATES.map((n) => html`<option value=${n} ?selected=${n === this.name}>${t(l, `mailTemplate_${n}`)}</option>`)}
        </select>
        <label for="mail-template-locale">${t(l, "mailTemplateLocale")}</label>
        <select id="mail-template-locale" @change=${(e: Event) => (this.mailLocale = (e.target as HTMLSelectElement).value as Locale)}>
          ${LOCALES.map((loc) => html`<option value=${loc} ?selected=${loc === (this.mailLocale ?? l)}>${loc === "nl" ? "Nederlands" : "English"}</option>`)}
        </select>
      </div>
      ${this.error ? html`<p class="error" role="alert">${describeError(this.error, l)}</p>` : nothing}
      ${p
        ? html`<p class="mail-template-subject"><strong>${t(l, "mailTemplateSubject", { subject: p.subject })}</strong></p>
            <h4>${t(l, "mailTemplateRendered")}</h4>
            <iframe class="mail-template-html" title=${t(l, "mailTemplateRendered")} sandbox="" srcdoc=${p.html} style="width:100%;min-height:260px;border:1px solid #d1d5db;border-radius:6px;background:#fff"></iframe>
            <details>
              <summary>${t(l, "mailTemplatePlainText")}</summary>
              <pre class="mail-template-text" style="white-space:pre-wrap">${p.text}</pre>
            </details>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-mail-templates": AdminMailTemplates;
  }
}

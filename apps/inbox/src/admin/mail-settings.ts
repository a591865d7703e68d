// The Mail section of Settings: whether mail can leave at all (SMTP_URL), a test mail to prove it
// does, and the outbox with a Retry on mails that failed, so an admin sees a broken mail setup.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale, MailItem, MailStatusSummary } from "@live-chat/protocol";
import { describeError } from "../api.js";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import type { AdminApi } from "./api.js";
import { adminStyles } from "./styles.js";
import "./mail-templates.js";

@customElement("lc-admin-mail")
export class AdminMail extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private status: MailStatusSummary | null = null;
  @state() private outbox: MailItem[] = [];
  @state() private error: unknown = null;
  @state() private busy = false;
  @state() private testSent = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
  }

  private async load(): Promise<void> {
    try {
      [this.status, this.outbox] = await Promise.all([this.api.mailStatus(), this.api.mailOutbox()]);
    } catch (err) {
      this.error = err;
    }
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
      await this.load();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const l = this.locale;
    const s = this.status;
    return html`<section class="card mail-settings" aria-labelledby="mail-heading">
      <h3 id="mail-heading">${t(l, "mailHeading")}</h3>
      ${this.error ? html`<p class="error" role="alert">${describeError(this.error, l)}</p>` : nothing}
      ${!s
        ? this.error ? nothing : html`<p>${t(l, "loading")}</p>`
        : s.configured
          ? html`<p class="mail-configured">${t(l, "mailConfigured", { from: s.from })}</p>
              <button type="button" ?disabled=${this.busy} @click=${() => void this.act(async () => { await this.api.sendTestMail(); this.testSent = true; })}>${t(l, "mailSendTest")}</button>
              ${this.testSent ? html`<p class="notice" role="status">${t(l, "mailTestQueued")}</p>` : nothing}`
          : html`<p class="error mail-not-configured">${t(l, "mailNotConfigured")}</p>`}
      ${this.outbox.length
        ? html`<table class="mail-outbox">
            <thead><tr><th>${t(l, "mailTo")}</th><th>${t(l, "mailSubject")}</th><th>${t(l, "mailStatus")}</th><th>${t(l, "mailCreated")}</th><th></th></tr></thead>
            <tbody>${this.outbox.map((m) => html`<tr class="mail-${m.status}">
              <td>${m.to}</td><td>${m.subject}</td>
              <td>${t(l, `mailStatus_${m.status}`)}${m.lastError ? html`<br /><small>${m.lastError}</small>` : nothing}</td>
              <td>${dateTime(m.createdAt, l)}</td>
              <td>${m.status === "failed" ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.act(() => this.api.retryMail(m.id))}>${t(l, "mailRetry")}</button>` : nothing}</td>
            </tr>`)}</tbody>
          </table>`
        : s ? html`<p class="help">${t(l, "mailOutboxEmpty")}</p>` : nothing}
    </section>
    <lc-admin-mail-templates .api=${this.api} .locale=${l}></lc-admin-mail-templates>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-mail": AdminMail;
  }
}

// The Retention section of Settings: after how many days closed chats are anonymised or deleted
// by the background job, or off (the default). Saved on its own, like the mail section.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale, Settings } from "@live-chat/protocol";
import { t } from "../i18n.js";
import type { AdminApi } from "./api.js";
import { adminStyles } from "./styles.js";
import { fieldError, formErrorOf, formLevelError, inLocale, type FormError } from "./form-error.js";

type Retention = Pick<Settings, "retentionDays" | "retentionAction">;
const DEFAULT_DAYS = 365;

@customElement("lc-admin-retention")
export class AdminRetention extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private value: Retention | null = null;
  /** The days typed while retention is on; kept when it is switched off and on again. */
  @state() private days = DEFAULT_DAYS;
  @state() private error: FormError | null = null;
  @state() private saved = false;
  @state() private busy = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    try {
      const s = await this.api.settings();
      this.value = { retentionDays: s.retentionDays, retentionAction: s.retentionAction };
      if (s.retentionDays !== null) this.days = s.retentionDays;
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private change(patch: Partial<Retention>): void {
    this.value = { ...this.value!, ...patch };
    this.saved = false;
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      const s = await this.api.updateSettings(this.value!);
      this.value = { retentionDays: s.retentionDays, retentionAction: s.retentionAction };
      this.saved = true;
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const l = this.locale;
    const v = this.value;
    if (!v) return this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing;
    const on = v.retentionDays !== null;
    return html`<section class="card" aria-labelledby="retention-heading">
      <h3 id="retention-heading">${t(l, "retentionHeading")}</h3>
      <p class="help">${t(l, "retentionIntro")}</p>
      <form novalidate @submit=${(e: Event) => void this.save(e)}>
        <label class="inline field">
          <input type="checkbox" .checked=${on} @change=${(e: Event) => this.change({ retentionDays: (e.target as HTMLInputElement).checked ? this.days : null })} />
          ${t(l, "retentionEnabled")}
        </label>
        ${on
          ? html`<div class="field">
                <label for="retention-days">${t(l, "retentionDays")}</label>
                <input id="retention-days" type="number" min="1" max="3650" step="1" .value=${String(v.retentionDays)}
                  aria-invalid=${this.error?.field === "retentionDays" ? "true" : "false"} aria-describedby="retention-days-error"
                  @input=${(e: Event) => { this.days = Number((e.target as HTMLInputElement).value); this.change({ retentionDays: this.days }); }} />
                ${fieldError(this.error, "retentionDays", "retention-days-error")}
              </div>
              <div class="field">
                <label for="retention-action">${t(l, "retentionAction")}</label>
                <select id="retention-action" @change=${(e: Event) => this.change({ retentionAction: (e.target as HTMLSelectElement).value as Retention["retentionAction"] })}>
                  ${(["anonymise", "delete"] as const).map((a) => html`<option value=${a} ?selected=${v.retentionAction === a}>${t(l, `retentionAction_${a}`)}</option>`)}
                </select>
              </div>`
          : nothing}
        ${formLevelError(this.error, ["retentionDays"])}
        ${this.saved ? html`<p class="notice" role="status">${t(l, "saved")}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>${t(l, "retentionSave")}</button>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-retention": AdminRetention;
  }
}

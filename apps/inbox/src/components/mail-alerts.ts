// The operator's own choice, in the top bar: a mail when a chat waits past the wait limit while no
// colleague is online (off until they turn it on; the server keeps it on their account).
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale } from "@live-chat/protocol";
import { mailPreferences, saveMailPreferences } from "../api.js";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-mail-alerts")
export class MailAlerts extends LightElement {
  @property({ attribute: false }) token = "";
  @property() locale: Locale = "en";
  /** Unknown until loaded: the box stays disabled rather than show a guess. */
  @state() private on: boolean | null = null;
  @state() private failed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("token") && this.token) mailPreferences(this.token).then((p) => (this.on = p.unansweredAlerts), () => (this.failed = true));
  }

  private async toggle(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    this.failed = false;
    try {
      this.on = (await saveMailPreferences(this.token, box.checked)).unansweredAlerts;
    } catch {
      box.checked = this.on ?? false;
      this.failed = true;
    }
  }

  protected override render() {
    const l = this.locale;
    return html`<label class="inline-field mail-alerts">
        <input type="checkbox" .checked=${this.on ?? false} ?disabled=${this.on === null && !this.failed} @change=${this.toggle} />
        <span>${t(l, "mailAlerts")}</span>
      </label>
      ${this.failed ? html`<span class="error" role="alert">${t(l, "mailAlertsNotSaved")}</span>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-mail-alerts": MailAlerts;
  }
}

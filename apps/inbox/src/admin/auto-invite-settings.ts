// The automatic-invitation rule in Settings (off by default): after how long on which pages, and
// the message in both languages. Raises `auto-invite-change` with the whole rule; the settings form saves it.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { LIVE_LIMITS, type Locale, type Settings } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";

type Rule = Settings["autoInvite"];

@customElement("lc-admin-auto-invite")
export class AutoInviteSettings extends LitElement {
  static override styles = adminStyles;
  @property({ attribute: false }) rule!: Rule;
  @property({ attribute: false }) locale: Locale = "en";

  private change(patch: Partial<Rule>): void {
    this.dispatchEvent(new CustomEvent<Rule>("auto-invite-change", { detail: { ...this.rule, ...patch } }));
  }

  protected override render() {
    const l = this.locale;
    const r = this.rule;
    return html`<section class="card" aria-labelledby="auto-invite-heading">
      <h3 id="auto-invite-heading">${t(l, "autoInviteHeading")}</h3>
      <p class="help" id="auto-invite-help">${t(l, "autoInviteHelp")}</p>
      <div class="field">
        <label><input type="checkbox" .checked=${r.enabled} aria-describedby="auto-invite-help" @change=${(e: Event) => this.change({ enabled: (e.target as HTMLInputElement).checked })} /> ${t(l, "autoInviteEnabled")}</label>
      </div>
      <div class="field">
        <label for="auto-after">${t(l, "autoInviteAfter")}</label>
        <input id="auto-after" type="number" min="1" max="3600" .value=${String(r.afterSeconds)} @input=${(e: Event) => this.change({ afterSeconds: Number((e.target as HTMLInputElement).value) })} />
      </div>
      <div class="field">
        <label for="auto-pattern">${t(l, "autoInvitePattern")}</label>
        <input id="auto-pattern" maxlength=${LIVE_LIMITS.pattern} .value=${r.pagePattern} @input=${(e: Event) => this.change({ pagePattern: (e.target as HTMLInputElement).value })} />
      </div>
      ${(["nl", "en"] as const).map(
        (lang) => html`<div class="field">
          <label for="auto-body-${lang}">${t(l, lang === "nl" ? "autoInviteBodyNl" : "autoInviteBodyEn")}</label>
          <textarea id="auto-body-${lang}" rows="2" maxlength=${LIVE_LIMITS.invitation} .value=${r.body[lang]} @input=${(e: Event) => this.change({ body: { ...r.body, [lang]: (e.target as HTMLTextAreaElement).value } })}></textarea>
        </div>`,
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-auto-invite": AutoInviteSettings;
  }
}

// A one-time sign-in link just made for a user (an invitation, or a new password), shown once: focused,
// selected and ready to copy, with a fallback to Ctrl+C where the page may not use the clipboard.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { InvitationLink, Locale, User } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";

/** A link just made: under the user's row (a new one for an existing user), or under the form that created them. */
export type LinkPanel = { user: User; link: InvitationLink; reset: boolean; at: "create" | "row" };

@customElement("lc-admin-sign-in-link")
export class AdminSignInLink extends LitElement {
  static override styles = [
    adminStyles,
    css`
      .link-panel { margin-top: 16px; border-color: var(--live-chat-accent, #1f6feb); }
      .link-panel .inline { flex-wrap: wrap; }
      .link-panel input.link { flex: 1; min-width: 260px; font-family: ui-monospace, monospace; font-size: 0.9em; }
      .link-panel .copied { min-height: 1.2em; margin: 0; color: var(--lc-green, #1a7f37); }
    `,
  ];

  @property({ attribute: false }) locale: Locale = "en";
  /** A new object for every link made, so that each one is focused once. */
  @property({ attribute: false }) panel!: LinkPanel;
  @state() private copied: "copied" | "selected" | null = null;
  @query("#invite-link") private input!: HTMLInputElement;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("panel")) this.copied = null;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("panel")) this.selectLink();
  }

  private selectLink(): void {
    this.input.focus();
    this.input.select();
  }

  private async copyLink(): Promise<void> {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(this.panel.link.url);
      this.copied = "copied";
    } catch {
      // No clipboard access (an insecure origin, or refused): select the link for Ctrl+C.
      this.selectLink();
      this.copied = "selected";
    }
  }

  override render() {
    const l = this.locale;
    const panel = this.panel;
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
          <button type="button" class="primary" @click=${() => void this.copyLink()}>${t(l, "copyLink")}</button>
        </div>
      </div>
      <p class="copied" role="status">${this.copied === "copied" ? t(l, "linkCopied") : this.copied === "selected" ? t(l, "linkSelected") : nothing}</p>
      <div class="buttons"><button type="button" @click=${() => this.dispatchEvent(new CustomEvent("done"))}>${t(l, "done")}</button></div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-sign-in-link": AdminSignInLink;
  }
}

// The admin area inside the inbox: the shell picks the section, this element shows it.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Locale, User } from "@live-chat/protocol";
import { AdminApi } from "./api.js";
import { adminStyles } from "./styles.js";
import "./canned-replies.js";
import "./users.js";
import "./settings.js";
import "./reports.js";
import "./history.js";
import "./contact-reasons.js";

export const ADMIN_SECTIONS = ["canned-replies", "users", "settings", "reports", "history", "contact-reasons"] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** The sections a role sees: everything for admins, the reports for team leads, nothing for operators. */
export function adminSectionsFor(role: User["role"] | undefined): readonly AdminSection[] {
  if (role === "admin") return ADMIN_SECTIONS;
  return role === "lead" ? ["reports"] : [];
}

@customElement("lc-admin-area")
export class AdminArea extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) token = "";
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) user: User | null = null;
  @property({ attribute: false }) section: AdminSection = "canned-replies";
  private api: AdminApi | null = null;

  /** Only a new session makes a new api: a new language re-renders the open section in place, unsaved edits and all. */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("token")) this.api = this.token ? new AdminApi(this.token) : null;
  }

  override render() {
    const api = this.api;
    if (!api || !adminSectionsFor(this.user?.role).includes(this.section)) return nothing;
    const l = this.locale;
    switch (this.section) {
      case "canned-replies":
        return html`<lc-admin-canned-replies .api=${api} .locale=${l}></lc-admin-canned-replies>`;
      case "users":
        return html`<lc-admin-users .api=${api} .locale=${l} .currentUser=${this.user}></lc-admin-users>`;
      case "settings":
        return html`<lc-admin-settings .api=${api} .locale=${l}></lc-admin-settings>`;
      case "reports":
        return html`<lc-admin-reports .api=${api} .locale=${l} .mayEditTargets=${this.user?.role === "admin"}></lc-admin-reports>`;
      case "history":
        return html`<lc-admin-history .api=${api} .locale=${l}></lc-admin-history>`;
      case "contact-reasons":
        return html`<lc-admin-contact-reasons .api=${api} .locale=${l}></lc-admin-contact-reasons>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-area": AdminArea;
  }
}

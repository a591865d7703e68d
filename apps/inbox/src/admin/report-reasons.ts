// Chats per contact reason over the period, retired reasons included, and how many closed without one;
// each reason links to the past conversations that carry it.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ContactReason, Locale, ReportSummary } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { followLink, pathOf, type CoachingPage } from "../coaching/pages.js";

@customElement("lc-report-reasons")
export class ReportReasons extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) summary!: ReportSummary;
  @property({ attribute: false }) reasons: ContactReason[] = [];

  override render() {
    const l = this.locale;
    const num = (n: number) => n.toLocaleString(l);
    const byReason = this.summary.byReason ?? {};
    // Every active reason, and a retired one only where it still counts chats in this period.
    const shown = this.reasons.filter((r) => r.active || (byReason[r.id] ?? 0) > 0);
    return html`
      <section class="card" aria-labelledby="reasons-report-heading">
        <h3 id="reasons-report-heading">${t(l, "chatsPerReason")}</h3>
        <table>
          <thead><tr><th scope="col">${t(l, "reasonFilter")}</th><th scope="col">${t(l, "conversations")}</th></tr></thead>
          <tbody>
            ${shown.map((r) => {
              const page: CoachingPage = { page: "past-chats", reason: r.id };
              const name = r.active ? r.names[l] : t(l, "retiredReason", { name: r.names[l] });
              return html`<tr><td><a href=${pathOf(page)} @click=${(e: Event) => followLink(e, page)}>${name}</a></td><td>${num(byReason[r.id] ?? 0)}</td></tr>`;
            })}
            <tr class="without-reason"><td>${t(l, "closedWithoutReason")}</td><td>${num(this.summary.closedWithoutReason ?? 0)}</td></tr>
          </tbody>
        </table>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-report-reasons": ReportReasons;
  }
}

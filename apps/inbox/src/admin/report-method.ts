// The method per operator, beside the per-operator table: how many answered chats began with a greeting,
// had a confirmed summary and a full closing, the median time to greeting and the hints per chat.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Locale, OperatorReport } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { formatDuration, formatPercent } from "./report-format.js";

@customElement("lc-report-method")
export class ReportMethod extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) locale: Locale = "en";
  /** In the order the per-operator table shows them. */
  @property({ attribute: false }) rows: OperatorReport[] = [];

  private percent(rate: number | null): string {
    return formatPercent(this.locale, rate);
  }

  override render() {
    const l = this.locale;
    const num = (n: number | null) => (n === null ? t(l, "none") : n.toLocaleString(l, { maximumFractionDigits: 2 }));
    return html`
      <style>
        caption { caption-side: top; text-align: left; font-size: 1.1em; font-weight: 600; margin-bottom: 10px; }
        tbody th { color: inherit; font-size: 1em; font-weight: 600; }
        .num { text-align: right; white-space: nowrap; }
        .table-scroll { overflow-x: auto; }
      </style>
      <section class="card method-per-operator">
        <div class="table-scroll">
          <table aria-describedby="method-intro">
            <caption>${t(l, "methodHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">${t(l, "operator")}</th>
                <th scope="col" class="num">${t(l, "methodReviewed")}</th>
                <th scope="col" class="num">${t(l, "methodGreeted")}</th>
                <th scope="col" class="num">${t(l, "methodSummaryConfirmed")}</th>
                <th scope="col" class="num">${t(l, "methodFullClosing")}</th>
                <th scope="col" class="num">${t(l, "methodTimeToGreeting")}</th>
                <th scope="col" class="num">${t(l, "methodHintsPerChat")}</th>
              </tr>
            </thead>
            <tbody>
              ${this.rows.length === 0
                ? html`<tr><td colspan="7" class="muted">${t(l, "noOperators")}</td></tr>`
                : this.rows.map((r) => {
                    const m = r.method;
                    return html`<tr>
                      <th scope="row">${r.operator.name}</th>
                      <td class="num">${num(m?.reviewed ?? 0)}</td>
                      <td class="num">${this.percent(m?.greetedRate ?? null)}</td>
                      <td class="num">${this.percent(m?.summaryConfirmedRate ?? null)}</td>
                      <td class="num">${this.percent(m?.fullClosingRate ?? null)}</td>
                      <td class="num">${formatDuration(l, m?.secondsToGreeting.median ?? null)}</td>
                      <td class="num">${num(m?.hintsPerChat ?? null)}</td>
                    </tr>`;
                  })}
            </tbody>
          </table>
        </div>
        <p class="muted" id="method-intro">${t(l, "methodIntro")}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-report-method": ReportMethod;
  }
}

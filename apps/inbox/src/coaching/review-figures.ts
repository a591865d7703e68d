// The review's verdict at a glance: times to greeting and first answer, summary, closing checklist, waiting, transfers, hints, promises.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type ChatReview, type Locale } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { adminStyles } from "../admin/styles.js";
import { formatDuration } from "../admin/report-format.js";

@customElement("lc-review-figures")
export class ReviewFigures extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) review!: ChatReview;
  @property({ attribute: false }) locale: Locale = "en";

  private yesNo(value: boolean) {
    return html`<span class=${value ? "met" : "missed"}>${t(this.locale, value ? "yes" : "no")}</span>`;
  }

  override render() {
    const l = this.locale;
    const r = this.review;
    const acted = r.hints.filter((h) => h.actedOn === true).length;
    return html`
      <style>
        dl { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 6px 16px; margin: 0; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        ul { margin: 0; padding-left: 18px; }
        .met { color: var(--lc-green, #1a7f37); }
        .missed { color: var(--lc-red, #b42318); }
      </style>
      <section class="card" aria-labelledby="figures-heading">
        <h3 id="figures-heading">${t(l, "reviewFigures")}</h3>
        <dl>
          <dt>${t(l, "timeToGreeting")}</dt><dd>${formatDuration(l, r.secondsToGreeting ?? null)}</dd>
          <dt>${t(l, "greetedLabel")}</dt><dd>${this.yesNo(r.greeted)}</dd>
          <dt>${t(l, "timeToFirstAnswer")}</dt><dd>${formatDuration(l, r.secondsToFirstAnswer ?? null)}</dd>
          <dt>${t(l, "summaryConfirmedLabel")}</dt><dd>${this.yesNo(r.summaryConfirmed)}</dd>
          <dt>${t(l, "closingChecklistLabel")}</dt>
          <dd><ul>${CHECKLIST_ITEMS.map((item) => html`<li>${CHECKLIST_LABELS[l][item]}: ${this.yesNo(r.checklist[item])}</li>`)}</ul></dd>
          <dt>${t(l, "waitedForVisitorLabel")}</dt><dd>${this.yesNo(r.waitedForVisitor)}</dd>
          <dt>${t(l, "transfersLabel")}</dt><dd>${t(l, "transfersValue", { count: r.transfers.length, repeat: r.repeatTransfers })}</dd>
          <dt>${t(l, "hintsLabel")}</dt><dd>${t(l, "hintsValue", { count: r.hints.length, acted })}</dd>
          <dt>${t(l, "promisesLabel")}</dt>
          <dd>
            ${r.followUps.length === 0
              ? t(l, "noPromises")
              : html`<ul>${r.followUps.map((f) => html`<li>${t(l, "promiseLine", { channel: t(l, `followUpChannel_${f.channel}`), due: dateTime(f.dueAt, l), outcome: t(l, `outcome_${f.outcome}`) })}</li>`)}</ul>`}
          </dd>
        </dl>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-review-figures": ReviewFigures;
  }
}

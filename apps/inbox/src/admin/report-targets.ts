// Service targets on the reports page (issue #12): the admin sets one per metric, and each figure of
// the period is shown against its target, met or missed, with the trend against the period before.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { TARGET_METRICS, type Locale, type ServiceTarget, type TargetMetric, type TargetResult } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t, type MessageKey } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { formErrorOf, inLocale, type FormError } from "./form-error.js";
import { formatDuration } from "./report-format.js";

/** How a metric's target is entered and shown: a share (typed as a percentage), seconds, or a score. */
const KIND: Record<TargetMetric, "share" | "seconds" | "score"> = {
  answered_within_seconds: "share",
  median_wait_seconds_max: "seconds",
  offline_answered_on_time: "share",
  follow_ups_kept_on_time: "share",
  closing_checklist_complete: "share",
  rating_average: "score",
};
const LABEL: Record<TargetMetric, MessageKey> = {
  answered_within_seconds: "target_answered_within_seconds",
  median_wait_seconds_max: "target_median_wait_seconds_max",
  offline_answered_on_time: "target_offline_answered_on_time",
  follow_ups_kept_on_time: "target_follow_ups_kept_on_time",
  closing_checklist_complete: "target_closing_checklist_complete",
  rating_average: "target_rating_average",
};
/** Which way is better, for the trend's wording: only the wait is better when lower. */
const LOWER_IS_BETTER: ReadonlySet<TargetMetric> = new Set(["median_wait_seconds_max"]);

type Draft = Record<TargetMetric, { target: string; seconds: string }>;

@customElement("lc-report-targets")
export class ReportTargets extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  /** The summary's targets for the period shown. */
  @property({ attribute: false }) results: TargetResult[] = [];
  /** Admins set the targets; a team lead reads them. */
  @property({ attribute: false }) mayEdit = true;
  @state() private draft: Draft | null = null;
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async edit(): Promise<void> {
    this.error = null;
    try {
      const saved = await this.api.reportTargets();
      const draft = Object.fromEntries(TARGET_METRICS.map((m) => [m, { target: "", seconds: "" }])) as Draft;
      for (const s of saved) {
        draft[s.metric] = { target: String(KIND[s.metric] === "share" ? Math.round(s.target * 1000) / 10 : s.target), seconds: s.seconds === undefined ? "" : String(s.seconds) };
      }
      this.draft = draft;
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const draft = this.draft;
    if (!draft) return;
    const targets: ServiceTarget[] = TARGET_METRICS.filter((m) => draft[m].target.trim() !== "").map((metric) => {
      const value = Number(draft[metric].target);
      const seconds = draft[metric].seconds.trim();
      return {
        metric,
        target: KIND[metric] === "share" ? value / 100 : value,
        ...(metric === "answered_within_seconds" && seconds !== "" ? { seconds: Number(seconds) } : {}),
      };
    });
    this.error = null;
    try {
      await this.api.saveReportTargets(targets);
      this.draft = null;
      this.dispatchEvent(new CustomEvent("targets-saved", { bubbles: true, composed: true }));
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private value(metric: TargetMetric, n: number | null | undefined): string {
    const l = this.locale;
    if (n === null || n === undefined) return t(l, "none");
    if (KIND[metric] === "share") return n.toLocaleString(l, { style: "percent", maximumFractionDigits: 1 });
    if (KIND[metric] === "seconds") return formatDuration(l, n);
    return n.toLocaleString(l, { maximumFractionDigits: 2 });
  }

  private label(r: ServiceTarget): string {
    return t(this.locale, LABEL[r.metric], { seconds: r.seconds ?? 0 });
  }

  /** Better, worse or the same as the period before, in words (the arrow alone is not enough). */
  private trend(r: TargetResult): string {
    const l = this.locale;
    if (r.actual === null || r.previous === null || r.previous === undefined) return t(l, "none");
    if (r.actual === r.previous) return t(l, "trendSame");
    const better = LOWER_IS_BETTER.has(r.metric) ? r.actual < r.previous : r.actual > r.previous;
    return t(l, better ? "trendBetter" : "trendWorse", { previous: this.value(r.metric, r.previous) });
  }

  private setDraft(metric: TargetMetric, key: "target" | "seconds", value: string): void {
    if (this.draft) this.draft = { ...this.draft, [metric]: { ...this.draft[metric], [key]: value } };
  }

  private renderForm(draft: Draft) {
    const l = this.locale;
    return html`
      <form @submit=${this.save} novalidate>
        ${TARGET_METRICS.map(
          (m) => html`<div class="field inline">
            <label for="target-${m}">${t(l, LABEL[m], { seconds: draft[m].seconds || "…" })} (${t(l, `targetUnit_${KIND[m]}`)})</label>
            <input id="target-${m}" type="number" step="any" .value=${draft[m].target} @input=${(e: Event) => this.setDraft(m, "target", (e.target as HTMLInputElement).value)} />
            ${m === "answered_within_seconds"
              ? html`<label for="target-seconds">${t(l, "targetSeconds")}</label>
                  <input id="target-seconds" type="number" min="1" .value=${draft[m].seconds} @input=${(e: Event) => this.setDraft(m, "seconds", (e.target as HTMLInputElement).value)} />`
              : nothing}
          </div>`,
        )}
        <p class="help">${t(l, "targetsHelp")}</p>
        <div class="row-actions">
          <button type="submit" class="primary">${t(l, "saveTargets")}</button>
          <button type="button" @click=${() => (this.draft = null)}>${t(l, "cancel")}</button>
        </div>
      </form>
    `;
  }

  override render() {
    const l = this.locale;
    return html`
      <section class="card" aria-labelledby="targets-heading">
        <h3 id="targets-heading">${t(l, "targetsHeading")}</h3>
        ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
        ${this.draft
          ? this.renderForm(this.draft)
          : html`
              ${this.results.length === 0
                ? html`<p class="muted">${t(l, "noTargets")}</p>`
                : html`<table class="targets">
                    <thead><tr>
                      <th scope="col">${t(l, "targetMetric")}</th><th scope="col">${t(l, "targetValue")}</th>
                      <th scope="col">${t(l, "targetActual")}</th><th scope="col">${t(l, "targetStatus")}</th><th scope="col">${t(l, "targetTrend")}</th>
                    </tr></thead>
                    <tbody>
                      ${this.results.map(
                        (r) => html`<tr data-metric=${r.metric}>
                          <th scope="row">${this.label(r)}</th>
                          <td>${this.value(r.metric, r.target)}</td>
                          <td>${this.value(r.metric, r.actual)}</td>
                          <td>${r.met === null ? t(l, "targetNothingToMeasure") : html`<span class="tag">${t(l, r.met ? "targetMet" : "targetMissed")}</span>`}</td>
                          <td>${this.trend(r)}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>`}
              ${this.mayEdit ? html`<button type="button" @click=${this.edit}>${t(l, "editTargets")}</button>` : nothing}
            `}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-report-targets": ReportTargets;
  }
}

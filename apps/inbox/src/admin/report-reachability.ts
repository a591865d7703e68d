// Reachability on the reports page (issue #12): the hour-of-week heat map and the chats, missed chats
// and offline messages per day, each drawn as SVG made here with its table beside it (the table is
// what a screen reader and a test read), and a CSV export for every table of the reports.
import { html, LitElement, nothing, svg } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { DailyFigures, Heatmap, Locale } from "@live-chat/protocol";
import type { AdminApi, ReportTable } from "./api.js";
import { t, type MessageKey } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { formErrorOf, inLocale, type FormError } from "./form-error.js";

const WEEKDAY_KEYS: MessageKey[] = ["weekday_0", "weekday_1", "weekday_2", "weekday_3", "weekday_4", "weekday_5", "weekday_6"];
const CELL = 18;
const LEFT = 40;
const TOP = 16;
const BAR_HEIGHT = 120;

const CSV_LABEL: Record<ReportTable, MessageKey> = {
  summary: "csv_summary",
  targets: "csv_targets",
  operators: "csv_operators",
  reasons: "csv_reasons",
  heatmap: "csv_heatmap",
  daily: "csv_daily",
  chats: "csv_chats",
};

@customElement("lc-report-reachability")
export class ReportReachability extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @property() from = "";
  @property() to = "";
  /** The zone the hours are read in: the admin's own unless another was chosen on the page. */
  @property() tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** Only the chats with this contact reason; empty for all. */
  @property() reason = "";
  @state() private heatmap: Heatmap | null = null;
  @state() private days: DailyFigures[] | null = null;
  @state() private error: FormError | null = null;
  private loads = 0;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (["api", "from", "to", "tz", "reason"].some((key) => changed.has(key))) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    const load = ++this.loads;
    try {
      const [heatmap, daily] = await Promise.all([this.api.reportHeatmap(this.from, this.to, this.tz, this.reason), this.api.reportDaily(this.from, this.to, this.tz, this.reason)]);
      if (load !== this.loads) return;
      this.heatmap = heatmap;
      this.days = daily.days;
    } catch (err) {
      if (load === this.loads) this.error = formErrorOf(err, this.locale);
    }
  }

  private async exportCsv(table: ReportTable): Promise<void> {
    this.error = null;
    try {
      const blob = await this.api.reportCsv(table, this.from, this.to, this.tz, this.reason);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${table}-${this.from}-${this.to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private csvButton(table: ReportTable) {
    return html`<button type="button" class="small" @click=${() => this.exportCsv(table)}>${t(this.locale, CSV_LABEL[table])}</button>`;
  }

  private renderHeatmap(h: Heatmap) {
    const l = this.locale;
    const max = Math.max(1, ...h.cells.flat());
    const weekday = (d: number) => t(l, WEEKDAY_KEYS[d]!);
    const hours = Array.from({ length: 24 }, (_, i) => i);
    return html`
      <section class="card" aria-labelledby="heatmap-heading">
        <h3 id="heatmap-heading">${t(l, "heatmapHeading")}</h3>
        <p class="muted">${t(l, "heatmapIntro", { tz: h.tz })}</p>
        <svg class="heatmap" role="img" aria-labelledby="heatmap-heading" viewBox="0 0 ${LEFT + 24 * CELL} ${TOP + 7 * CELL}" width=${LEFT + 24 * CELL} height=${TOP + 7 * CELL}>
          ${hours.filter((hr) => hr % 3 === 0).map((hr) => svg`<text x=${LEFT + hr * CELL + CELL / 2} y=${TOP - 4} font-size="10" text-anchor="middle">${hr}</text>`)}
          ${h.cells.map(
            (row, d) => svg`<text x=${LEFT - 4} y=${TOP + d * CELL + CELL * 0.7} font-size="10" text-anchor="end">${weekday(d)}</text>
              ${row.map(
                (chats, hr) => svg`<rect x=${LEFT + hr * CELL} y=${TOP + d * CELL} width=${CELL - 2} height=${CELL - 2} rx="2"
                  fill="var(--live-chat-accent, #1f6feb)" fill-opacity=${chats === 0 ? 0.06 : 0.15 + 0.85 * (chats / max)}>
                  <title>${t(l, "heatmapCell", { day: weekday(d), hour: hr, chats })}</title></rect>`,
              )}`,
          )}
        </svg>
        ${h.busiest.length > 0
          ? html`<p><strong>${t(l, "busiestHours")}</strong></p>
              <ol class="busiest">${h.busiest.map((b) => html`<li>${t(l, "busiestHour", { day: weekday(b.weekday), hour: b.hour, chats: b.chats, operatorHours: b.operatorHours.toLocaleString(l, { maximumFractionDigits: 1 }) })}</li>`)}</ol>`
          : html`<p class="muted">${t(l, "noChatsInPeriod")}</p>`}
        <div class="table-scroll">
          <table class="heatmap-table">
            <caption>${t(l, "heatmapTableCaption")}</caption>
            <thead><tr><th scope="col">${t(l, "weekday")}</th>${hours.map((hr) => html`<th scope="col">${hr}</th>`)}</tr></thead>
            <tbody>${h.cells.map((row, d) => html`<tr><th scope="row">${weekday(d)}</th>${row.map((chats) => html`<td>${chats}</td>`)}</tr>`)}</tbody>
          </table>
        </div>
        ${this.csvButton("heatmap")}
      </section>
    `;
  }

  private renderDaily(days: DailyFigures[]) {
    const l = this.locale;
    const max = Math.max(1, ...days.flatMap((d) => [d.chats, d.missed, d.offlineMessages]));
    const slot = 16;
    const bar = (i: number, k: number, value: number, fill: string) => {
      const height = (value / max) * BAR_HEIGHT;
      return svg`<rect x=${i * slot * 3 + k * slot + 2} y=${BAR_HEIGHT - height} width=${slot - 2} height=${height} fill=${fill}></rect>`;
    };
    return html`
      <section class="card" aria-labelledby="daily-heading">
        <h3 id="daily-heading">${t(l, "dailyHeading")}</h3>
        <p class="muted">${t(l, "dailyLegend")}</p>
        <div class="table-scroll">
          <svg class="daily" role="img" aria-labelledby="daily-heading" viewBox="0 0 ${Math.max(1, days.length * slot * 3)} ${BAR_HEIGHT}" width=${days.length * slot * 3} height=${BAR_HEIGHT}>
            ${days.map(
              (d, i) => svg`<g><title>${t(l, "dailyBar", { date: d.date, chats: d.chats, missed: d.missed, offline: d.offlineMessages })}</title>
                ${bar(i, 0, d.chats, "var(--live-chat-accent, #1f6feb)")}${bar(i, 1, d.missed, "#c0392b")}${bar(i, 2, d.offlineMessages, "#7f8c8d")}</g>`,
            )}
          </svg>
        </div>
        <div class="table-scroll">
          <table class="daily-table">
            <caption>${t(l, "dailyTableCaption")}</caption>
            <thead><tr><th scope="col">${t(l, "date")}</th><th scope="col">${t(l, "conversations")}</th><th scope="col">${t(l, "missed")}</th><th scope="col">${t(l, "offlineMessagesColumn")}</th></tr></thead>
            <tbody>${days.map((d) => html`<tr><th scope="row">${d.date}</th><td>${d.chats}</td><td>${d.missed}</td><td>${d.offlineMessages}</td></tr>`)}</tbody>
          </table>
        </div>
        ${this.csvButton("daily")}
      </section>
    `;
  }

  override render() {
    const l = this.locale;
    return html`
      <style>
        .heatmap-table td, .daily-table td { text-align: right; }
        .table-scroll { overflow-x: auto; }
        caption { caption-side: top; text-align: left; font-weight: 600; }
      </style>
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${this.heatmap ? this.renderHeatmap(this.heatmap) : nothing}
      ${this.days ? this.renderDaily(this.days) : nothing}
      <section class="card" aria-labelledby="csv-heading">
        <h3 id="csv-heading">${t(l, "csvHeading")}</h3>
        <div class="row-actions">${(["summary", "targets", "operators", "reasons", "chats"] as const).map((table) => this.csvButton(table))}</div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-report-reachability": ReportReachability;
  }
}

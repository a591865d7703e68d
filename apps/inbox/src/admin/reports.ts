// How the team did over a date range: volume, missed chats, response and wait times, handling,
// transfers, the closing checklist, ratings, promises kept and how far conversations got in the method.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { PHASES, PHASE_LABELS, type Locale, type ReportSummary } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "./i18n.js";
import { adminStyles } from "./styles.js";
import { fieldError, formErrorOf, formLevelError, inLocale, type FormError } from "./form-error.js";

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** 42 → "42 s", 200 → "3 min 20 s", 5400 → "1 h 30 min". */
function formatDuration(locale: Locale, seconds: number | null): string {
  if (seconds === null) return t(locale, "none");
  const s = Math.round(seconds);
  if (s < 60) return t(locale, "seconds", { n: seconds < 10 ? seconds.toLocaleString(locale, { maximumFractionDigits: 1 }) : s });
  if (s < 3600) return t(locale, "minutes", { m: Math.floor(s / 60), s: s % 60 });
  return t(locale, "hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

@customElement("lc-admin-reports")
export class AdminReports extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private from = isoDate(new Date(Date.now() - 29 * DAY_MS));
  @state() private to = isoDate(new Date());
  @state() private summary: ReportSummary | null = null;
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(e?: Event): Promise<void> {
    e?.preventDefault();
    this.error = null;
    try {
      this.summary = await this.api.reportSummary(this.from, this.to);
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private tile(label: string, value: string, detail?: string) {
    return html`<div class="tile"><div class="label">${label}</div><div class="value">${value}</div>${detail ? html`<div class="muted">${detail}</div>` : nothing}</div>`;
  }

  private percent(rate: number | null): string {
    return rate === null ? t(this.locale, "none") : rate.toLocaleString(this.locale, { style: "percent", maximumFractionDigits: 0 });
  }

  override render() {
    const l = this.locale;
    const s = this.summary;
    const num = (n: number) => n.toLocaleString(l, { maximumFractionDigits: 2 });
    return html`
      <style>
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin-bottom: 16px; }
        .tile { background: var(--lc-surface, #fff); border: 1px solid var(--lc-border, #d8dce3); border-radius: 8px; padding: 12px 14px; }
        .tile .label { font-size: 0.85em; color: var(--lc-muted, #5b6676); }
        .tile .value { font-size: 1.5em; font-weight: 600; margin: 2px 0; }
        .bar { height: 10px; background: var(--live-chat-accent, #1f6feb); border-radius: 4px; min-width: 2px; }
        td.bar-cell { width: 50%; }
      </style>
      <h2>${t(l, "reportsHeading")}</h2>
      <form class="toolbar" @submit=${this.load} novalidate>
        <div class="field">
          <label for="from">${t(l, "from")}</label>
          <input id="from" type="date" .value=${this.from} @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} />
          ${fieldError(this.error, "from", "from-error")}
        </div>
        <div class="field">
          <label for="to">${t(l, "to")}</label>
          <input id="to" type="date" .value=${this.to} @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} />
          ${fieldError(this.error, "to", "to-error")}
        </div>
        <div class="field"><button type="submit" class="primary">${t(l, "showReport")}</button></div>
      </form>
      ${formLevelError(this.error, ["from", "to"])}
      ${s === null
        ? this.error ? nothing : html`<p>${t(l, "loading")}</p>`
        : html`
            <div class="tiles">
              ${this.tile(t(l, "conversations"), num(s.conversations))}
              ${this.tile(t(l, "missed"), num(s.missed))}
              ${this.tile(t(l, "firstResponse"), formatDuration(l, s.firstResponseSeconds.median), t(l, "p90", { value: formatDuration(l, s.firstResponseSeconds.p90) }))}
              ${this.tile(t(l, "wait"), formatDuration(l, s.waitSeconds.median), t(l, "p90", { value: formatDuration(l, s.waitSeconds.p90) }))}
              ${this.tile(t(l, "handleTime"), formatDuration(l, s.handleSeconds.median))}
              ${this.tile(t(l, "transfersPerConversation"), num(s.transfersPerConversation))}
              ${this.tile(t(l, "checklistComplete"), this.percent(s.closingChecklistCompleteRate))}
              ${this.tile(
                t(l, "csat"),
                s.csat.average === null ? t(l, "none") : num(s.csat.average),
                s.csat.count === 0 ? t(l, "noRatings") : t(l, s.csat.count === 1 ? "csatValueOne" : "csatValue", { average: num(s.csat.average ?? 0), count: s.csat.count }),
              )}
            </div>
            <section class="card" aria-labelledby="follow-ups-heading">
              <h3 id="follow-ups-heading">${t(l, "followUpsHeading")}</h3>
              <p class="muted">${t(l, "followUpsIntro")}</p>
              <div class="tiles follow-up-tiles">
                ${this.tile(t(l, "followUpsPromised"), num(s.followUps.promised))}
                ${this.tile(t(l, "followUpsKeptOnTime"), num(s.followUps.keptOnTime))}
                ${this.tile(t(l, "followUpsKeptLate"), num(s.followUps.keptLate))}
                ${this.tile(t(l, "followUpsOpen"), num(s.followUps.open))}
                ${this.tile(t(l, "followUpsOverdue"), num(s.followUps.overdue))}
                ${this.tile(t(l, "followUpsKeptOnTimeRate"), this.percent(s.followUps.keptOnTimeRate), t(l, "followUpsRateBasis"))}
              </div>
            </section>
            <section class="card" aria-labelledby="phase-heading">
              <h3 id="phase-heading">${t(l, "byPhaseReached")}</h3>
              <table>
                <thead><tr><th>${t(l, "phase")}</th><th>${t(l, "count")}</th><th></th></tr></thead>
                <tbody>
                  ${PHASES.map((phase) => {
                    const count = s.byPhaseReached[phase] ?? 0;
                    const share = s.conversations === 0 ? 0 : (count / s.conversations) * 100;
                    return html`<tr><td>${PHASE_LABELS[l][phase]}</td><td>${num(count)}</td>
                      <td class="bar-cell"><div class="bar" style=${`width: ${share}%`}></div></td></tr>`;
                  })}
                </tbody>
              </table>
            </section>
          `}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-reports": AdminReports;
  }
}

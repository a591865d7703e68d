// How the team did over a date range: volume, missed chats, response and wait times, handling,
// transfers, the closing checklist, ratings, promises kept and how far conversations got in the method;
// then the same figures per operator and their method; narrowed to one contact reason, hours in a chosen zone.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { PHASES, PHASE_LABELS, type ContactReason, type Locale, type OperatorReport, type ReportSummary } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { fieldError, formErrorOf, formLevelError, inLocale, type FormError } from "./form-error.js";
import { formatDuration, formatPercent } from "./report-format.js";
import "./report-targets.js";
import "./report-reachability.js";
import "./report-method.js";
import "./report-reasons.js";

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const OWN_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** The zones to choose from: the admin's own first, UTC, then every IANA zone the browser knows. */
const ZONES = [...new Set([OWN_ZONE, "UTC", ...Intl.supportedValuesOf("timeZone")])];

@customElement("lc-admin-reports")
export class AdminReports extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  /** Admins change targets; a team lead only reads the reports. */
  @property({ attribute: false }) mayEditTargets = true;
  @state() private from = isoDate(new Date(Date.now() - 29 * DAY_MS));
  @state() private to = isoDate(new Date());
  @state() private summary: ReportSummary | null = null;
  /** The range of the figures shown, which the charts follow (not the date fields while typed). */
  @state() private shownFrom = "";
  @state() private shownTo = "";
  @state() private reason = "";
  @state() private tz = OWN_ZONE;
  @state() private shownReason = "";
  @state() private shownTz = OWN_ZONE;
  @state() private reasons: ContactReason[] = [];
  @state() private operators: OperatorReport[] = [];
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) {
      void this.load();
      void this.api.contactReasons().then((r) => (this.reasons = r), (err: unknown) => (this.error = formErrorOf(err, this.locale)));
    }
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private loads = 0;

  private async load(e?: Event): Promise<void> {
    e?.preventDefault();
    this.error = null;
    const load = ++this.loads;
    try {
      // Both for the same range, shown together; an answer to an older request is dropped.
      const [summary, perOperator] = await Promise.all([this.api.reportSummary(this.from, this.to, this.reason), this.api.reportOperators(this.from, this.to, this.reason)]);
      if (load !== this.loads) return;
      this.summary = summary;
      this.shownFrom = this.from;
      this.shownTo = this.to;
      this.shownReason = this.reason;
      this.shownTz = this.tz;
      this.operators = perOperator.operators;
    } catch (err) {
      if (load === this.loads) this.error = formErrorOf(err, this.locale);
    }
  }

  private tile(label: string, value: string, detail?: string) {
    return html`<div class="tile"><div class="label">${label}</div><div class="value">${value}</div>${detail ? html`<div class="muted">${detail}</div>` : nothing}</div>`;
  }

  private percent(rate: number | null): string {
    return formatPercent(this.locale, rate);
  }

  /** Most chats first, then by name. */
  private sortedOperators(): OperatorReport[] {
    return [...this.operators].sort((a, b) => b.conversations - a.conversations || a.operator.name.localeCompare(b.operator.name, this.locale));
  }

  private operatorTable() {
    const l = this.locale;
    const num = (n: number) => n.toLocaleString(l, { maximumFractionDigits: 2 });
    const rows = this.sortedOperators();
    const kept = (f: OperatorReport["followUps"]) => {
      if (f.keptOnTimeRate === null) return t(l, "none");
      // The rate's basis: promises done, or open past their time (the not-yet-due ones are left out).
      const decided = f.keptOnTime + f.keptLate + f.overdue;
      return t(l, "keptOfDecided", { kept: num(f.keptOnTime), decided: num(decided), rate: this.percent(f.keptOnTimeRate) });
    };
    return html`
      <section class="card per-operator">
        <div class="table-scroll">
          <table aria-describedby="per-operator-intro">
            <caption>${t(l, "perOperatorHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">${t(l, "operator")}</th>
                <th scope="col" class="num">${t(l, "conversations")}</th>
                <th scope="col" class="num">${t(l, "medianFirstResponse")}</th>
                <th scope="col" class="num">${t(l, "medianHandleTime")}</th>
                <th scope="col" class="num">${t(l, "checklistComplete")}</th>
                <th scope="col">${t(l, "csat")}</th>
                <th scope="col">${t(l, "promisesKeptOnTime")}</th>
                <th scope="col" class="num">${t(l, "transfersPerConversation")}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.length === 0
                ? html`<tr><td colspan="8" class="muted">${t(l, "noOperators")}</td></tr>`
                : rows.map(
                    (r) => html`<tr>
                      <th scope="row">${r.operator.name}${r.operator.active ? nothing : html` <span class="tag">${t(l, "deactivated")}</span>`}</th>
                      <td class="num">${num(r.conversations)}</td>
                      <td class="num">${formatDuration(l, r.firstResponseSeconds.median)}</td>
                      <td class="num">${formatDuration(l, r.handleSeconds.median)}</td>
                      <td class="num">${this.percent(r.closingChecklistCompleteRate)}</td>
                      <td>${r.csat.average === null ? t(l, "none") : t(l, r.csat.count === 1 ? "csatValueOne" : "csatValue", { average: num(r.csat.average), count: r.csat.count })}</td>
                      <td>${kept(r.followUps)}</td>
                      <td class="num">${num(r.transfersPerConversation)}</td>
                    </tr>`,
                  )}
            </tbody>
          </table>
        </div>
        <p class="muted" id="per-operator-intro">${t(l, "perOperatorIntro")}</p>
      </section>
    `;
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
        .table-scroll { overflow-x: auto; }
        .per-operator caption { caption-side: top; text-align: left; font-size: 1.1em; font-weight: 600; margin-bottom: 10px; }
        .per-operator tbody th { color: inherit; font-size: 1em; font-weight: 600; }
        .per-operator .num { text-align: right; }
        .per-operator td.num { white-space: nowrap; }
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
        <div class="field">
          <label for="report-reason">${t(l, "reasonFilter")}</label>
          <select id="report-reason" @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.reason === ""}>${t(l, "allReasons")}</option>
            ${this.reasons.map((r) => html`<option value=${r.id} ?selected=${this.reason === r.id}>${r.active ? r.names[l] : t(l, "retiredReason", { name: r.names[l] })}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="report-zone">${t(l, "zoneLabel")}</label>
          <select id="report-zone" style="max-width: 16em" @change=${(e: Event) => (this.tz = (e.target as HTMLSelectElement).value)}>
            ${ZONES.map((z) => html`<option value=${z} ?selected=${this.tz === z}>${z}</option>`)}
          </select>
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
            <lc-report-targets .api=${this.api} .locale=${l} .results=${s.targets ?? []} .mayEdit=${this.mayEditTargets} @targets-saved=${() => void this.load()}></lc-report-targets>
            ${this.operatorTable()}
            <lc-report-method .locale=${l} .rows=${this.sortedOperators()}></lc-report-method>
            <lc-report-reasons .locale=${l} .summary=${s} .reasons=${this.reasons}></lc-report-reasons>
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
            <lc-report-reachability .api=${this.api} .locale=${l} .from=${this.shownFrom} .to=${this.shownTo} .tz=${this.shownTz} .reason=${this.shownReason}></lc-report-reachability>
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

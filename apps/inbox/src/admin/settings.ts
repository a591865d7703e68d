// Runtime settings: business hours and closed days, the widget's look (with a preview), and the
// timings of the method (grace, idle, wait limit). The server validates every field.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LOCALES, WEEKDAYS, type Locale, type Settings, type Weekday } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import "./mail-settings.js";
import "./mail-templates.js";
import "./auto-invite-settings.js";
import "./retention-settings.js";
import { concerns, fieldError, formErrorOf, formLevelError, inLocale, revealError, type FormError, type Localized } from "./form-error.js";

type Interval = { open: string; close: string };
type NumberField = "visitorGraceMs" | "operatorGraceMs" | "idleCloseSeconds" | "abandonedCloseSeconds" | "waitLimitSeconds" | "defaultMaxChats" | "offlineAnswerHours";
const NUMBER_FIELDS: readonly NumberField[] = ["waitLimitSeconds", "visitorGraceMs", "operatorGraceMs", "idleCloseSeconds", "abandonedCloseSeconds", "defaultMaxChats", "offlineAnswerHours"];
/** Every field that shows its own error; anything else is shown above the save button. */
const FIELDS = [
  "businessHours.timeZone",
  "businessHours.closedDates",
  ...WEEKDAYS.map((day) => `businessHours.days.${day}`),
  "widget.accentColor",
  ...LOCALES.map((code) => `widget.greeting.${code}`),
  ...NUMBER_FIELDS,
];
const MS_FIELDS: readonly NumberField[] = ["visitorGraceMs", "operatorGraceMs"];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

@customElement("lc-admin-settings")
export class AdminSettings extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private settings: Settings | null = null;
  /** As the server last confirmed them; only what differs is sent, so the history names real changes. */
  private stored: Settings | null = null;
  @state() private error: FormError | null = null;
  @state() private notice: Localized | null = null;
  @state() private saving = false;
  @state() private newClosedDate = "";
  private readonly zones = timeZones();

  /** A new language only re-renders: the form keeps what the admin typed, the shown error follows. */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    try {
      this.settings = this.stored = await this.api.settings();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private change(next: Settings): void {
    this.settings = next;
    this.notice = null;
  }

  private setHours(day: Weekday, intervals: Interval[]): void {
    const s = this.settings!;
    this.change({ ...s, businessHours: { ...s.businessHours, days: { ...s.businessHours.days, [day]: intervals } } });
  }

  private setWidget(patch: Partial<Settings["widget"]>): void {
    const s = this.settings!;
    this.change({ ...s, widget: { ...s.widget, ...patch } });
  }

  private addClosedDate(): void {
    const s = this.settings!;
    const date = this.newClosedDate;
    if (!date || s.businessHours.closedDates.includes(date)) return;
    this.change({ ...s, businessHours: { ...s.businessHours, closedDates: [...s.businessHours.closedDates, date].sort() } });
    this.newClosedDate = "";
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.settings) return;
    this.saving = true;
    this.error = null;
    const stored = this.stored;
    const patch = Object.fromEntries(
      Object.entries(this.settings).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(stored?.[key as keyof Settings])),
    ) as Partial<Settings>;
    try {
      if (Object.keys(patch).length > 0) this.settings = this.stored = await this.api.updateSettings(patch);
      this.notice = (l) => t(l, "settingsSaved");
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
      void revealError(this);
    } finally {
      this.saving = false;
    }
  }

  private renderDay(day: Weekday, intervals: Interval[]) {
    const l = this.locale;
    const dayName = t(l, `day_${day}`);
    const field = `businessHours.days.${day}`;
    const replace = (i: number, patch: Partial<Interval>) => this.setHours(day, intervals.map((iv, j) => (j === i ? { ...iv, ...patch } : iv)));
    return html`
      <tr>
        <th scope="row">${dayName}</th>
        <td>
          ${intervals.length === 0 ? html`<span class="muted">${t(l, "closedAllDay")}</span>` : nothing}
          ${intervals.map(
            (iv, i) => html`<div class="inline interval">
              <input type="time" aria-label=${t(l, "opensAtDay", { day: dayName })} .value=${iv.open}
                @change=${(e: Event) => replace(i, { open: (e.target as HTMLInputElement).value })} />
              <span aria-hidden="true">–</span>
              <input type="time" aria-label=${t(l, "closesAtDay", { day: dayName })} .value=${iv.close}
                @change=${(e: Event) => replace(i, { close: (e.target as HTMLInputElement).value })} />
              <button type="button" class="small" aria-label=${t(l, "removeHoursOf", { day: dayName })}
                @click=${() => this.setHours(day, intervals.filter((_, j) => j !== i))}>${t(l, "remove")}</button>
            </div>`,
          )}
          ${fieldError(this.error, field, `${day}-error`)}
        </td>
        <td>
          <button type="button" class="small" ?disabled=${intervals.length >= 4} aria-label=${t(l, "addHoursTo", { day: dayName })}
            @click=${() => this.setHours(day, [...intervals, { open: "09:00", close: "17:00" }])}>${t(l, "addHours")}</button>
        </td>
      </tr>
    `;
  }

  private numberField(key: NumberField, label: Parameters<typeof t>[1], help?: Parameters<typeof t>[1]) {
    const s = this.settings!;
    const inSeconds = MS_FIELDS.includes(key);
    const shown = inSeconds ? s[key] / 1000 : s[key];
    return html`<div class="field">
      <label for=${key}>${t(this.locale, label)}</label>
      <input id=${key} type="number" min="0" .value=${String(shown)} aria-invalid=${concerns(this.error, key)}
        aria-describedby=${`${key}-help ${key}-error`}
        @input=${(e: Event) => {
          const value = Number((e.target as HTMLInputElement).value);
          this.change({ ...s, [key]: inSeconds ? Math.round(value * 1000) : value });
        }} />
      ${help ? html`<p class="help" id=${`${key}-help`}>${t(this.locale, help)}</p>` : nothing}
      ${fieldError(this.error, key, `${key}-error`)}
    </div>`;
  }

  private renderPreview(widget: Settings["widget"]) {
    const l = this.locale;
    const previewLocale = widget.defaultLocale;
    return html`
      <section class="card" aria-labelledby="widget-preview-heading">
        <h3 id="widget-preview-heading">${t(l, "widgetPreview")}</h3>
        <div class="widget-preview" style=${`--preview-accent: ${/^#[0-9a-fA-F]{6}$/.test(widget.accentColor) ? widget.accentColor : "#0b5fff"}`}>
          <div class="panel">
            <div class="panel-head">${t(previewLocale, "previewTeam")}</div>
            <p class="greeting" data-testid="widget-preview-greeting">${widget.greeting[previewLocale]}</p>
            <div class="composer"><span>${t(previewLocale, "previewMessage")}</span><span class="send">${t(previewLocale, "previewSend")}</span></div>
          </div>
          <div class="launcher" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="26" height="26"><path fill="currentColor" d="M4 4h16v11H7l-3 3z" /></svg>
          </div>
        </div>
      </section>
    `;
  }

  override render() {
    const l = this.locale;
    const s = this.settings;
    if (!s) return this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : html`<p>${t(l, "loading")}</p>`;
    const bh = s.businessHours;
    return html`
      <style>
        .hours th[scope="row"] { color: inherit; font-size: 1em; width: 120px; }
        .interval { margin-bottom: 4px; }
        .widget-preview { display: grid; justify-items: end; gap: 10px; padding: 12px; background: var(--lc-bg, #f5f6f8); border-radius: 8px; }
        .panel { width: 260px; background: #fff; border-radius: 12px; box-shadow: 0 4px 18px rgb(0 0 0 / 0.15); overflow: hidden; }
        .panel-head { background: var(--preview-accent); color: #fff; padding: 10px 14px; font-weight: 600; }
        .greeting { margin: 12px; padding: 8px 12px; background: #eef0f3; border-radius: 12px 12px 12px 2px; white-space: pre-wrap; }
        .composer { display: flex; justify-content: space-between; border-top: 1px solid #e3e6ea; padding: 8px 12px; color: #8a94a3; }
        .composer .send { color: var(--preview-accent); font-weight: 600; }
        .launcher { width: 52px; height: 52px; border-radius: 50%; background: var(--preview-accent); color: #fff; display: grid; place-items: center; }
        .timings { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 0 16px; align-items: start; }
      </style>
      <h2>${t(l, "settingsHeading")}</h2>
      <form @submit=${this.save} novalidate>
        <section class="card" aria-labelledby="hours-heading">
          <h3 id="hours-heading">${t(l, "businessHours")}</h3>
          <label class="inline">
            <input type="checkbox" .checked=${bh.enabled} @change=${(e: Event) => this.change({ ...s, businessHours: { ...bh, enabled: (e.target as HTMLInputElement).checked } })} />
            ${t(l, "businessHoursEnabled")}
          </label>
          <p class="help">${t(l, "businessHoursHelp")}</p>
          <div class="field" style="margin-top: 10px; max-width: 320px">
            <label for="time-zone">${t(l, "timeZone")}</label>
            <input id="time-zone" list="time-zones" .value=${bh.timeZone} aria-invalid=${concerns(this.error, "businessHours.timeZone")}
              @change=${(e: Event) => this.change({ ...s, businessHours: { ...bh, timeZone: (e.target as HTMLInputElement).value.trim() } })} />
            <datalist id="time-zones">${this.zones.map((z) => html`<option value=${z}></option>`)}</datalist>
            ${fieldError(this.error, "businessHours.timeZone", "time-zone-error")}
          </div>
          <table class="hours">
            <tbody>${WEEKDAYS.map((day) => this.renderDay(day, bh.days[day] ?? []))}</tbody>
          </table>
          <h3 style="margin-top: 16px">${t(l, "closedDates")}</h3>
          <p class="help">${t(l, "closedDatesHelp")}</p>
          ${bh.closedDates.length === 0
            ? html`<p class="muted">${t(l, "noClosedDates")}</p>`
            : html`<ul class="closed-dates">
                ${bh.closedDates.map(
                  (date) => html`<li class="inline">
                    <time datetime=${date}>${new Date(`${date}T12:00:00Z`).toLocaleDateString(l, { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}</time>
                    <button type="button" class="small" aria-label=${t(l, "removeClosedDate", { date })}
                      @click=${() => this.change({ ...s, businessHours: { ...bh, closedDates: bh.closedDates.filter((d) => d !== date) } })}>${t(l, "remove")}</button>
                  </li>`,
                )}
              </ul>`}
          <div class="inline">
            <label for="closed-date">${t(l, "closedDate")}</label>
            <input id="closed-date" type="date" .value=${this.newClosedDate} @input=${(e: Event) => (this.newClosedDate = (e.target as HTMLInputElement).value)} />
            <button type="button" @click=${this.addClosedDate}>${t(l, "addClosedDate")}</button>
          </div>
          ${fieldError(this.error, "businessHours.closedDates", "closed-dates-error")}
        </section>

        <div class="grid2">
          <section class="card" aria-labelledby="widget-heading">
            <h3 id="widget-heading">${t(l, "widgetAppearance")}</h3>
            <div class="field">
              <label for="accent">${t(l, "accentColor")}</label>
              <div class="inline">
                <input id="accent" type="color" .value=${s.widget.accentColor} @input=${(e: Event) => this.setWidget({ accentColor: (e.target as HTMLInputElement).value })} />
                <code>${s.widget.accentColor}</code>
              </div>
              ${fieldError(this.error, "widget.accentColor", "accent-error")}
            </div>
            ${LOCALES.map(
              (code) => html`<div class="field">
                <label for=${`greeting-${code}`}>${t(l, code === "nl" ? "greetingNl" : "greetingEn")}</label>
                <textarea id=${`greeting-${code}`} style="min-height: 60px" maxlength="300" .value=${s.widget.greeting[code]}
                  aria-invalid=${concerns(this.error, `widget.greeting.${code}`)}
                  @input=${(e: Event) => this.setWidget({ greeting: { ...s.widget.greeting, [code]: (e.target as HTMLTextAreaElement).value } })}></textarea>
                ${fieldError(this.error, `widget.greeting.${code}`, `greeting-${code}-error`)}
              </div>`,
            )}
            <div class="field">
              <label for="default-locale">${t(l, "defaultLanguage")}</label>
              <select id="default-locale" @change=${(e: Event) => this.setWidget({ defaultLocale: (e.target as HTMLSelectElement).value as Locale })}>
                ${LOCALES.map((c) => html`<option value=${c} ?selected=${s.widget.defaultLocale === c}>${t(l, `locale_${c}`)}</option>`)}
              </select>
            </div>
          </section>
          ${this.renderPreview(s.widget)}
        </div>

        <section class="card" aria-labelledby="timings-heading">
          <h3 id="timings-heading">${t(l, "timings")}</h3>
          <div class="timings">
            ${this.numberField("waitLimitSeconds", "waitLimit", "waitLimitHelp")}
            ${this.numberField("visitorGraceMs", "visitorGrace", "visitorGraceHelp")}
            ${this.numberField("operatorGraceMs", "operatorGrace", "operatorGraceHelp")}
            ${this.numberField("idleCloseSeconds", "idleClose", "idleCloseHelp")}
            ${this.numberField("abandonedCloseSeconds", "abandonedClose", "abandonedCloseHelp")}
            ${this.numberField("defaultMaxChats", "defaultMaxChats")}
            ${this.numberField("offlineAnswerHours", "offlineAnswerHours")}
          </div>
        </section>
        <lc-admin-auto-invite .rule=${s.autoInvite} .locale=${l} @auto-invite-change=${(e: CustomEvent<Settings["autoInvite"]>) => this.change({ ...s, autoInvite: e.detail })}></lc-admin-auto-invite>
        ${this.notice ? html`<p class="notice" role="status">${this.notice(l)}</p>` : nothing}
        ${formLevelError(this.error, FIELDS)}
        <div class="buttons" style="justify-content: flex-start">
          <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? t(l, "saving") : t(l, "saveSettings")}</button>
        </div>
      </form>
      <lc-admin-mail .api=${this.api} .locale=${l}></lc-admin-mail>
      <lc-admin-mail-templates .api=${this.api} .locale=${l}></lc-admin-mail-templates>
      <lc-admin-retention .api=${this.api} .locale=${l}></lc-admin-retention>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-settings": AdminSettings;
  }
}

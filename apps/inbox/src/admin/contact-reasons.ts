// The contact reasons an admin keeps (issue #12): names in nl and en, their order, retired and
// reactivated; a retired reason stays on the chats that have it, so there is no delete.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ContactReason, Locale } from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { formErrorOf, inLocale, type FormError, type Localized } from "./form-error.js";

@customElement("lc-admin-contact-reasons")
export class AdminContactReasons extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private reasons: ContactReason[] | null = null;
  @state() private newNames: Record<Locale, string> = { nl: "", en: "" };
  /** Names being edited, per reason id; a row without an entry shows its saved names. */
  @state() private edits: Record<string, Record<Locale, string>> = {};
  @state() private error: FormError | null = null;
  @state() private notice: Localized | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    try {
      this.reasons = await this.api.contactReasons();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  /** Runs one change, then shows the list as the server now has it. */
  private async change(run: () => Promise<unknown>, notice: Localized = (l) => t(l, "saved")): Promise<void> {
    this.error = null;
    this.notice = null;
    try {
      await run();
      this.notice = notice;
      await this.load();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private async add(e: Event): Promise<void> {
    e.preventDefault();
    const names = { nl: this.newNames.nl.trim(), en: this.newNames.en.trim() };
    await this.change(async () => {
      await this.api.createContactReason(names);
      this.newNames = { nl: "", en: "" };
    });
  }

  private async saveNames(reason: ContactReason): Promise<void> {
    const edit = this.edits[reason.id];
    if (!edit) return;
    await this.change(async () => {
      await this.api.updateContactReason(reason.id, { names: { nl: edit.nl.trim(), en: edit.en.trim() } });
      const { [reason.id]: _done, ...rest } = this.edits;
      this.edits = rest;
    });
  }

  /** Swaps the positions of a reason and its neighbour in the shown order. */
  private async move(index: number, by: -1 | 1): Promise<void> {
    const list = this.reasons ?? [];
    const a = list[index];
    const b = list[index + by];
    if (!a || !b) return;
    await this.change(async () => {
      await this.api.updateContactReason(a.id, { position: b.position });
      await this.api.updateContactReason(b.id, { position: a.position });
    });
  }

  private setEdit(reason: ContactReason, locale: Locale, value: string): void {
    const current = this.edits[reason.id] ?? { ...reason.names };
    this.edits = { ...this.edits, [reason.id]: { ...current, [locale]: value } };
  }

  private renderRow(reason: ContactReason, index: number, count: number) {
    const l = this.locale;
    const names = this.edits[reason.id] ?? reason.names;
    const label = reason.names[l];
    return html`
      <tr data-reason=${reason.id} class=${reason.active ? "" : "muted"}>
        <td><input aria-label=${t(l, "reasonNameNlOf", { name: label })} .value=${names.nl}
          @input=${(e: Event) => this.setEdit(reason, "nl", (e.target as HTMLInputElement).value)} /></td>
        <td><input aria-label=${t(l, "reasonNameEnOf", { name: label })} .value=${names.en}
          @input=${(e: Event) => this.setEdit(reason, "en", (e.target as HTMLInputElement).value)} /></td>
        <td>${reason.used}</td>
        <td>${reason.active ? t(l, "reasonActive") : html`<span class="tag">${t(l, "reasonRetired")}</span>`}</td>
        <td><div class="row-actions">
          <button class="small" ?disabled=${!this.edits[reason.id]} aria-label=${t(l, "saveNamed", { title: label })}
            @click=${() => this.saveNames(reason)}>${t(l, "save")}</button>
          <button class="small" ?disabled=${index === 0} aria-label=${t(l, "moveUpNamed", { name: label })}
            @click=${() => this.move(index, -1)}>↑</button>
          <button class="small" ?disabled=${index === count - 1} aria-label=${t(l, "moveDownNamed", { name: label })}
            @click=${() => this.move(index, 1)}>↓</button>
          ${reason.active
            ? html`<button class="small danger" aria-label=${t(l, "retireNamed", { name: label })}
                @click=${() => this.change(() => this.api.retireContactReason(reason.id))}>${t(l, "retire")}</button>`
            : html`<button class="small" aria-label=${t(l, "reactivateNamed", { name: label })}
                @click=${() => this.change(() => this.api.updateContactReason(reason.id, { active: true }))}>${t(l, "reactivate")}</button>`}
        </div></td>
      </tr>
    `;
  }

  override render() {
    const l = this.locale;
    const reasons = this.reasons;
    return html`
      <h2>${t(l, "reasonsHeading")}</h2>
      <p class="intro">${t(l, "reasonsIntro")}</p>
      <form class="card toolbar" @submit=${this.add}>
        <div class="field">
          <label for="new-reason-nl">${t(l, "reasonNameNl")}</label>
          <input id="new-reason-nl" required .value=${this.newNames.nl}
            @input=${(e: Event) => (this.newNames = { ...this.newNames, nl: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="new-reason-en">${t(l, "reasonNameEn")}</label>
          <input id="new-reason-en" required .value=${this.newNames.en}
            @input=${(e: Event) => (this.newNames = { ...this.newNames, en: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field inline"><button class="primary" type="submit">${t(l, "addReason")}</button></div>
      </form>
      ${this.notice ? html`<p class="notice" role="status">${this.notice(l)}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${reasons === null
        ? html`<p>${t(l, "loading")}</p>`
        : reasons.length === 0
          ? html`<p class="muted">${t(l, "noReasons")}</p>`
          : html`
              <table>
                <thead><tr>
                  <th>${t(l, "reasonNameNl")}</th><th>${t(l, "reasonNameEn")}</th><th>${t(l, "reasonUsed")}</th>
                  <th>${t(l, "reasonStatus")}</th><th>${t(l, "actions")}</th>
                </tr></thead>
                <tbody>${reasons.map((r, i) => this.renderRow(r, i, reasons.length))}</tbody>
              </table>
            `}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-contact-reasons": AdminContactReasons;
  }
}

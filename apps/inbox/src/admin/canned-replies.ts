// The canned replies an admin keeps: filtered by phase, language and search; created, edited,
// duplicated, deleted after confirmation; exported and imported as JSON.
import { html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import {
  CHECKLIST_LABELS,
  LOCALES,
  PHASES,
  PHASE_LABELS,
  findUnknownPlaceholders,
  type CannedReply,
  type CannedReplyImportResult,
  type Locale,
  type Phase,
} from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { errorMessage, formErrorOf, inLocale, localError, type FormError, type Localized } from "./form-error.js";
import "./canned-reply-editor.js";
import "./confirm-dialog.js";
import type { AdminConfirm } from "./confirm-dialog.js";
import type { CannedReplyDraft } from "./canned-reply-editor.js";

@customElement("lc-admin-canned-replies")
export class AdminCannedReplies extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private replies: CannedReply[] | null = null;
  @state() private phase: Phase | "" = "";
  @state() private language: Locale | "" = "";
  @state() private search = "";
  @state() private draft: CannedReplyDraft | null = null;
  @state() private importResult: { result: CannedReplyImportResult; entries: unknown[] } | null = null;
  @state() private error: FormError | null = null;
  @state() private notice: Localized | null = null;
  @query("lc-admin-confirm") private confirm!: AdminConfirm;
  @query('input[type="file"]') private fileInput!: HTMLInputElement;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  /** A new api (a new session) reloads; a new language only re-renders, so an open editor keeps its draft. */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  /** Only the newest request's answer is shown: an earlier search that answers late must not replace it. */
  private loadSeq = 0;

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      const replies = await this.api.cannedReplies({ locale: this.language, q: this.search.trim() });
      if (seq === this.loadSeq) this.replies = replies;
    } catch (err) {
      if (seq === this.loadSeq) this.error = formErrorOf(err, this.locale);
    }
  }

  private visible(): CannedReply[] {
    const phase = this.phase;
    return (this.replies ?? []).filter((r) => !phase || r.phases.includes(phase));
  }

  private setFilter(change: () => void, debounce = false): void {
    change();
    clearTimeout(this.searchTimer);
    if (debounce) this.searchTimer = setTimeout(() => void this.load(), 250);
    else void this.load();
  }

  private startNew(): void {
    this.notice = null;
    this.draft = { title: "", body: "", locale: this.language || this.locale, phases: this.phase ? [this.phase] : [] };
  }

  private duplicate(reply: CannedReply): void {
    // The file stays with the original: a copy sends none until one is chosen for it.
    const { id: _id, shortcut: _shortcut, attachment: _attachment, ...rest } = reply;
    this.notice = null;
    this.draft = { ...rest, title: t(this.locale, "copyTitle", { title: reply.title }) };
  }

  private async onSaved(): Promise<void> {
    this.draft = null;
    this.notice = (l) => t(l, "saved");
    await this.load();
  }

  private async askDelete(reply: CannedReply): Promise<void> {
    const l = this.locale;
    if (!(await this.confirm.ask(t(l, "confirmDeleteReply", { title: reply.title }), { confirm: t(l, "delete"), cancel: t(l, "cancel") }))) return;
    try {
      await this.api.deleteCannedReply(reply.id);
      await this.load();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private async exportJson(): Promise<void> {
    try {
      const entries = await this.api.exportCannedReplies();
      const url = URL.createObjectURL(new Blob([JSON.stringify(entries, null, 2)], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = "canned-replies.json";
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  private async importFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = "";
    if (!file) return;
    this.importResult = null;
    this.error = null;
    let entries: unknown;
    try {
      entries = JSON.parse(await file.text());
    } catch {
      this.error = localError((l) => t(l, "importNotJson"), this.locale);
      return;
    }
    if (!Array.isArray(entries)) {
      this.error = localError((l) => t(l, "importNotArray"), this.locale);
      return;
    }
    try {
      this.importResult = { result: await this.api.importCannedReplies(entries), entries };
      await this.load();
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  /** Why an entry was refused, naming the placeholder or field at fault. */
  private refusalMessage(refusal: CannedReplyImportResult["refused"][number], entry: unknown): string {
    const l = this.locale;
    const body = entry && typeof entry === "object" ? (entry as { body?: unknown }).body : undefined;
    if (refusal.error.code === "UNKNOWN_PLACEHOLDER" && typeof body === "string") {
      return t(l, "cannedUnknownPlaceholders", { names: findUnknownPlaceholders(body).map((n) => `{${n}}`).join(", ") });
    }
    if (refusal.error.code === "BAD_REQUEST" && refusal.error.field) return t(l, "importInvalidField", { field: refusal.error.field });
    return errorMessage(refusal.error, l);
  }

  private renderImportResult({ result, entries }: { result: CannedReplyImportResult; entries: unknown[] }) {
    const l = this.locale;
    return html`
      <section class="card" aria-labelledby="import-heading" role="status">
        <h3 id="import-heading">${t(l, "importHeading")}</h3>
        <p>${t(l, "importSummary", { added: result.added, updated: result.updated, refused: result.refused.length })}</p>
        ${result.refused.length > 0
          ? html`<ul>
              ${result.refused.map(
                (r) => html`<li class="field-error">${t(l, "importRefused", { index: r.index + 1, title: r.title || t(l, "untitled"), message: this.refusalMessage(r, entries[r.index]) })}</li>`,
              )}
            </ul>`
          : nothing}
      </section>
    `;
  }

  private renderRow(reply: CannedReply) {
    const l = this.locale;
    return html`
      <tr>
        <td><strong>${reply.title}</strong><div class="muted">${reply.body.length > 120 ? `${reply.body.slice(0, 117)}…` : reply.body}</div></td>
        <td>${reply.shortcut ? html`<kbd>/${reply.shortcut}</kbd>` : t(l, "none")}</td>
        <td>${t(l, `locale_${reply.locale}`)}</td>
        <td>${reply.phases.map((p) => html`<span class="tag">${PHASE_LABELS[l][p]}</span>`)}</td>
        <td>${reply.checklistItem ? CHECKLIST_LABELS[l][reply.checklistItem] : t(l, "none")}</td>
        <td><div class="row-actions">
          <button class="small" aria-label=${t(l, "editNamed", { title: reply.title })} @click=${() => (this.draft = { ...reply })}>${t(l, "edit")}</button>
          <button class="small" aria-label=${t(l, "duplicateNamed", { title: reply.title })} @click=${() => this.duplicate(reply)}>${t(l, "duplicate")}</button>
          <button class="small danger" aria-label=${t(l, "deleteNamed", { title: reply.title })} @click=${() => this.askDelete(reply)}>${t(l, "delete")}</button>
        </div></td>
      </tr>
    `;
  }

  override render() {
    const l = this.locale;
    if (this.draft) {
      return html`<lc-canned-reply-editor .api=${this.api} .locale=${l} .draft=${this.draft}
        @saved=${this.onSaved} @cancel=${() => (this.draft = null)}></lc-canned-reply-editor>`;
    }
    const visible = this.visible();
    return html`
      <h2>${t(l, "cannedHeading")}</h2>
      <p class="intro">${t(l, "cannedIntro")}</p>
      <div class="toolbar" role="search" aria-label=${t(l, "filters")}>
        <div class="field">
          <label for="filter-phase">${t(l, "phase")}</label>
          <select id="filter-phase" @change=${(e: Event) => this.setFilter(() => (this.phase = (e.target as HTMLSelectElement).value as Phase | ""))}>
            <option value="">${t(l, "allPhases")}</option>
            ${PHASES.map((p) => html`<option value=${p} ?selected=${this.phase === p}>${PHASE_LABELS[l][p]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-locale">${t(l, "language")}</label>
          <select id="filter-locale" @change=${(e: Event) => this.setFilter(() => (this.language = (e.target as HTMLSelectElement).value as Locale | ""))}>
            <option value="">${t(l, "allLanguages")}</option>
            ${LOCALES.map((code) => html`<option value=${code} ?selected=${this.language === code}>${t(l, `locale_${code}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-search">${t(l, "search")}</label>
          <input id="filter-search" type="search" .value=${this.search}
            @input=${(e: Event) => this.setFilter(() => (this.search = (e.target as HTMLInputElement).value), true)} />
        </div>
        <span class="spacer"></span>
        <div class="field inline">
          <button class="primary" @click=${this.startNew}>${t(l, "newReply")}</button>
          <button @click=${this.exportJson}>${t(l, "exportJson")}</button>
          <button @click=${() => this.fileInput.click()}>${t(l, "importJson")}</button>
          <input type="file" accept="application/json,.json" hidden aria-label=${t(l, "importJson")} @change=${this.importFile} />
        </div>
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice(l)}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${this.importResult ? this.renderImportResult(this.importResult) : nothing}
      ${this.replies === null
        ? html`<p>${t(l, "loading")}</p>`
        : visible.length === 0
          ? html`<p class="muted">${t(l, "noReplies")}</p>`
          : html`
              <p class="help">${t(l, "replyCount", { count: visible.length })}</p>
              <table>
                <thead>
                  <tr>
                    <th>${t(l, "title")}</th><th>${t(l, "shortcut")}</th><th>${t(l, "language")}</th>
                    <th>${t(l, "phases")}</th><th>${t(l, "checklistItem")}</th><th>${t(l, "actions")}</th>
                  </tr>
                </thead>
                <tbody>${repeat(visible, (r) => r.id, (r) => this.renderRow(r))}</tbody>
              </table>
            `}
      <lc-admin-confirm></lc-admin-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-canned-replies": AdminCannedReplies;
  }
}

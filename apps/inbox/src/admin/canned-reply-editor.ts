// Writes one canned reply: phases, optional checklist item, placeholder picker and a live preview
// that flags an unknown placeholder before the server would refuse it.
import { html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import {
  CHECKLIST_LABELS,
  LIMITS,
  LOCALES,
  OPERATOR_CHECKLIST_ITEMS,
  PHASES,
  PHASE_LABELS,
  PLACEHOLDERS,
  fillPlaceholders,
  findUnknownPlaceholders,
  type CannedReply,
  type CannedReplyInput,
  type ChecklistItem,
  type Locale,
  type Phase,
} from "@live-chat/protocol";
import type { AdminApi } from "./api.js";
import { t, type MessageKey } from "../i18n.js";
import { adminStyles } from "./styles.js";
import type { CannedReplyFile } from "./canned-reply-file.js";
import "./canned-reply-file.js";
import { fieldError, formErrorOf, formLevelError, inLocale, localError, revealError, type FormError } from "./form-error.js";

/** A reply being written: an existing one (with id) or a new one. */
export type CannedReplyDraft = Omit<CannedReply, "id"> & { id?: string };

const FIELDS = ["title", "body", "shortcut", "locale", "phases", "checklistItem"] as const;
const PLACEHOLDER_LABEL: Record<string, MessageKey> = {
  "visitor.name": "placeholder_visitor_name",
  "visitor.firstName": "placeholder_visitor_firstName",
  "operator.name": "placeholder_operator_name",
  "operator.firstName": "placeholder_operator_firstName",
  greeting: "placeholder_greeting",
  selection: "placeholder_selection",
};

@customElement("lc-canned-reply-editor")
export class CannedReplyEditor extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  /** The reply to start from. Never written here: the parent hands the same object on every render it does. */
  @property({ attribute: false }) draft!: CannedReplyDraft;
  /** The reply as the admin has edited it so far. */
  @state() private reply!: CannedReplyDraft;
  @state() private error: FormError | null = null;
  @state() private saving = false;
  @query("textarea") private bodyBox!: HTMLTextAreaElement;
  @query("lc-canned-reply-file") private file!: CannedReplyFile;

  /**
   * Only another reply to start from resets the edits; a new language re-renders them as they are
   * and words the shown error again.
   */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("draft")) {
      this.reply = this.draft;
      this.error = null;
    }
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private setField<K extends keyof CannedReplyDraft>(key: K, value: CannedReplyDraft[K]): void {
    this.reply = { ...this.reply, [key]: value };
    if (this.error?.field === key) this.error = null;
  }

  private togglePhase(phase: Phase, on: boolean): void {
    const phases = on ? [...this.reply.phases, phase] : this.reply.phases.filter((p) => p !== phase);
    this.setField("phases", PHASES.filter((p) => phases.includes(p)));
  }

  private insertPlaceholder(name: string): void {
    const box = this.bodyBox;
    const token = `{${name}}`;
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    const body = box.value.slice(0, start) + token + box.value.slice(end);
    this.setField("body", body);
    void this.updateComplete.then(() => {
      box.focus();
      box.setSelectionRange(start + token.length, start + token.length);
    });
  }

  private input(): CannedReplyInput {
    const { title, body, shortcut, locale, phases, checklistItem } = this.reply;
    return {
      title,
      body,
      locale,
      phases,
      ...(shortcut?.trim() ? { shortcut: shortcut.trim() } : {}),
      ...(checklistItem && checklistItem !== "visitor_left" ? { checklistItem } : {}),
    };
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (this.reply.phases.length === 0) {
      this.error = localError((l) => t(l, "selectAPhase"), this.locale, "phases");
      return;
    }
    this.saving = true;
    this.error = null;
    try {
      const input = this.input();
      const saved = this.reply.id
        ? await this.api.updateCannedReply(this.reply.id, { ...input, shortcut: input.shortcut ?? null, checklistItem: input.checklistItem ?? null })
        : await this.api.createCannedReply(input);
      // A new reply gets its id here; a failed file keeps the editor open on the saved reply to try again.
      this.reply = { ...this.reply, id: saved.id };
      const withFile = (await this.file.commit(saved.id)) ?? saved;
      this.dispatchEvent(new CustomEvent<CannedReply>("saved", { detail: withFile, bubbles: true, composed: true }));
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
      void revealError(this);
    } finally {
      this.saving = false;
    }
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent("cancel", { bubbles: true, composed: true }));
  }

  private renderPreview(unknown: string[]) {
    const l = this.locale;
    const replyLocale = this.reply.locale;
    const sample = { visitor: t(l, "sampleVisitor"), operator: t(l, "sampleOperator") };
    const ctx = { locale: replyLocale, operator: { name: sample.operator }, selection: t(replyLocale, "sampleSelection") };
    return html`
      <section class="card preview" aria-labelledby="preview-heading">
        <h3 id="preview-heading">${t(l, "preview")}</h3>
        <p class="help">${t(l, "previewWith", sample)}</p>
        <p class="bubble" data-testid="preview-with-name">${fillPlaceholders(this.reply.body, { ...ctx, visitor: { name: sample.visitor } })}</p>
        <p class="help">${t(l, "previewWithout")}</p>
        <p class="bubble" data-testid="preview-without-name">${fillPlaceholders(this.reply.body, { ...ctx, visitor: {} })}</p>
        ${unknown.length > 0
          ? html`<p class="warning" role="alert">${t(l, "cannedUnknownPlaceholders", { names: unknown.map((n) => `{${n}}`).join(", ") })}</p>`
          : nothing}
      </section>
    `;
  }

  override render() {
    const l = this.locale;
    const d = this.reply;
    const unknown = findUnknownPlaceholders(d.body);
    const bodyInvalid = unknown.length > 0 || this.error?.field === "body";
    return html`
      <style>
        .bubble { white-space: pre-wrap; background: var(--lc-bg, #f5f6f8); border-radius: 12px; padding: 10px 12px; margin: 4px 0 12px; min-height: 2.4em; }
        .picker { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
        .picker button { font-size: 0.85em; }
        .row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; align-items: start; }
      </style>
      <div class="grid2">
        <form class="card" @submit=${this.save} novalidate>
          <h3>${d.id ? t(l, "editReplyHeading") : t(l, "newReplyHeading")}</h3>
          <div class="field">
            <label for="title">${t(l, "title")}</label>
            <input id="title" .value=${d.title} maxlength=${LIMITS.title} required aria-invalid=${this.error?.field === "title"}
              aria-describedby="title-error" @input=${(e: Event) => this.setField("title", (e.target as HTMLInputElement).value)} />
            ${fieldError(this.error, "title", "title-error")}
          </div>
          <div class="field">
            <label for="body">${t(l, "body")}</label>
            <div class="picker" role="group" aria-label=${t(l, "insertPlaceholder")}>
              ${PLACEHOLDERS.map(
                (name) => html`<button type="button" title=${t(l, PLACEHOLDER_LABEL[name])} @click=${() => this.insertPlaceholder(name)}>
                  <code>{${name}}</code></button>`,
              )}
            </div>
            <textarea id="body" .value=${d.body} maxlength=${LIMITS.messageBody} required aria-invalid=${bodyInvalid}
              aria-describedby="body-help body-error" @input=${(e: Event) => this.setField("body", (e.target as HTMLTextAreaElement).value)}></textarea>
            <p class="help" id="body-help">${t(l, "bodyHelp")}</p>
            ${fieldError(this.error, "body", "body-error")}
          </div>
          <div class="row">
            <div class="field">
              <label for="shortcut">${t(l, "shortcut")}</label>
              <input id="shortcut" .value=${d.shortcut ?? ""} maxlength=${LIMITS.shortcut} aria-invalid=${this.error?.field === "shortcut"}
                aria-describedby="shortcut-help shortcut-error" @input=${(e: Event) => this.setField("shortcut", (e.target as HTMLInputElement).value)} />
              <p class="help" id="shortcut-help">${t(l, "shortcutHelp")}</p>
              ${fieldError(this.error, "shortcut", "shortcut-error")}
            </div>
            <div class="field">
              <label for="locale">${t(l, "language")}</label>
              <select id="locale" @change=${(e: Event) => this.setField("locale", (e.target as HTMLSelectElement).value as Locale)}>
                ${LOCALES.map((code) => html`<option value=${code} ?selected=${d.locale === code}>${t(l, `locale_${code}`)}</option>`)}
              </select>
              ${fieldError(this.error, "locale", "locale-error")}
            </div>
          </div>
          <fieldset class="checks" aria-invalid=${this.error?.field === "phases"}>
            <legend>${t(l, "phases")}</legend>
            ${PHASES.map(
              (phase) => html`<label class="inline"><input type="checkbox" .checked=${d.phases.includes(phase)}
                @change=${(e: Event) => this.togglePhase(phase, (e.target as HTMLInputElement).checked)} />${PHASE_LABELS[l][phase]}</label>`,
            )}
          </fieldset>
          ${fieldError(this.error, "phases", "phases-error")}
          <div class="field">
            <label for="checklist">${t(l, "checklistItem")}</label>
            <select id="checklist" @change=${(e: Event) => this.setField("checklistItem", ((e.target as HTMLSelectElement).value || undefined) as ChecklistItem | undefined)}>
              <option value="" ?selected=${!d.checklistItem}>${t(l, "noChecklistItem")}</option>
              ${OPERATOR_CHECKLIST_ITEMS.map((item) => html`<option value=${item} ?selected=${d.checklistItem === item}>${CHECKLIST_LABELS[l][item]}</option>`)}
            </select>
            ${fieldError(this.error, "checklistItem", "checklist-error")}
          </div>
          <lc-canned-reply-file .api=${this.api} .locale=${l} .attachment=${this.draft.attachment}></lc-canned-reply-file>
          ${formLevelError(this.error, FIELDS)}
          <div class="buttons">
            <button type="button" @click=${this.cancel}>${t(l, "cancel")}</button>
            <button type="submit" class="primary" ?disabled=${this.saving || unknown.length > 0}>${this.saving ? t(l, "saving") : t(l, "save")}</button>
          </div>
        </form>
        ${this.renderPreview(unknown)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-canned-reply-editor": CannedReplyEditor;
  }
}

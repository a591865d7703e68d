// The notes reviewers left on one chat, and for a reviewer the form to add one with a score of 1 to 5.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LIMITS, type Locale, type ReviewNote } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { adminStyles } from "../admin/styles.js";
import { fieldError, formErrorOf, formLevelError, inLocale, localError, type FormError } from "../admin/form-error.js";
import type { CoachingApi } from "./api.js";

const SCORES = [1, 2, 3, 4, 5] as const;

@customElement("lc-review-notes")
export class ReviewNotes extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: CoachingApi;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) conversationId = "";
  @property({ attribute: false }) notes: ReviewNote[] = [];
  /** Whether the signed-in user may leave a note (leads and admins). */
  @property({ attribute: false }) mayWrite = false;
  @state() private note = "";
  @state() private score = 3;
  @state() private saving = false;
  @state() private saved = false;
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    this.saved = false;
    if (!this.note.trim()) {
      this.error = localError((l) => t(l, "noteRequired"), this.locale, "note");
      return;
    }
    this.saving = true;
    this.error = null;
    try {
      const note = await this.api.addNote(this.conversationId, this.note, this.score);
      this.notes = [...this.notes, note];
      this.note = "";
      this.saved = true;
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const l = this.locale;
    const invalid = this.error?.field === "note";
    return html`
      <section class="card" aria-labelledby="notes-heading">
        <h3 id="notes-heading">${t(l, "notesHeading")}</h3>
        ${this.notes.length === 0
          ? html`<p class="muted">${t(l, "noNotes")}</p>`
          : html`<ul class="notes">
              ${this.notes.map((n) => html`<li><div class="muted">${t(l, "noteBy", { score: n.score, name: n.reviewer.name, date: dateTime(n.createdAt, l) })}</div><div>${n.note}</div></li>`)}
            </ul>`}
        ${this.mayWrite
          ? html`<form @submit=${this.save} novalidate>
              <div class="field">
                <label for="review-note">${t(l, "noteLabel")}</label>
                <textarea id="review-note" maxlength=${LIMITS.note} aria-invalid=${invalid ? "true" : "false"} aria-describedby=${invalid ? "note-error" : nothing}
                  .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
                ${fieldError(this.error, "note", "note-error")}
              </div>
              <div class="field">
                <label for="review-score">${t(l, "scoreLabel")}</label>
                <select id="review-score" @change=${(e: Event) => (this.score = Number((e.target as HTMLSelectElement).value))}>
                  ${SCORES.map((s) => html`<option value=${s} ?selected=${s === this.score}>${t(l, "scoreOption", { score: s })}</option>`)}
                </select>
              </div>
              ${formLevelError(this.error, ["note"])}
              ${this.saved ? html`<p class="notice" role="status">${t(l, "reviewSaved")}</p>` : nothing}
              <button type="submit" class="primary" ?disabled=${this.saving}>${t(l, "saveReview")}</button>
            </form>`
          : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-review-notes": ReviewNotes;
  }
}

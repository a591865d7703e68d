// The history: who changed which canned reply, user, setting or chat's contact reasons, and when; newest first.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntry, type ContactReason, type Locale, type User } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import type { AdminApi } from "./api.js";
import { t, type MessageKey } from "../i18n.js";
import { adminStyles } from "./styles.js";
import { formErrorOf, inLocale, type FormError } from "./form-error.js";

/** Field names the server records, as the admin knows them from the forms. */
const FIELD_LABEL: Record<string, MessageKey> = {
  title: "title",
  body: "body",
  shortcut: "shortcut",
  locale: "language",
  phases: "phases",
  checklistItem: "checklistItem",
  name: "name",
  email: "email",
  role: "role",
  maxChats: "maxChats",
  active: "status",
  passwordReset: "password",
  businessHours: "businessHours",
  widget: "widgetAppearance",
  waitLimitSeconds: "waitLimit",
  visitorGraceMs: "visitorGrace",
  operatorGraceMs: "operatorGrace",
  idleCloseSeconds: "idleClose",
  defaultMaxChats: "defaultMaxChats",
  offlineAnswerHours: "offlineAnswerHours",
};
const ACTION_LABEL: Record<string, MessageKey> = {
  created: "action_created",
  updated: "action_updated",
  deleted: "action_deleted",
  deactivated: "action_deactivated",
  imported: "action_imported",
  invited: "action_invited",
  reset_link: "action_reset_link",
  reasons_changed: "action_reasons_changed",
};

type Recorded = Record<string, unknown>;
const asRecord = (value: unknown): Recorded | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as Recorded) : null);

/** The fields an entry changed: those that differ between before and after, else the keys it recorded. */
function changedFields(data: Recorded | null): string[] {
  if (!data) return [];
  const before = asRecord(data.before);
  const after = asRecord(data.after);
  if (Array.isArray(data.before) && Array.isArray(data.after)) return [];
  if (before && after) return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (after) return [];
  return Object.keys(data).filter((key) => key !== "id");
}

@customElement("lc-admin-history")
export class AdminHistory extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private entries: AuditEntry[] | null = null;
  @state() private users = new Map<string, User>();
  @state() private reasons = new Map<string, ContactReason>();
  @state() private entity: AuditEntity | "" = "";
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      const [entries, users, reasons] = await Promise.all([this.api.audit(this.entity || undefined), this.api.users(), this.api.contactReasons()]);
      this.entries = entries;
      this.users = new Map(users.map((u) => [u.id, u]));
      this.reasons = new Map(reasons.map((r) => [r.id, r]));
    } catch (err) {
      this.error = formErrorOf(err, this.locale);
    }
  }

  /** What the entry is about: the reply's title or the user's name; settings need no name. */
  private subject(entry: AuditEntry): string {
    const data = asRecord(entry.data);
    if (entry.entity === "canned_reply") {
      const reply = asRecord(data?.after) ?? asRecord(data?.before) ?? data;
      return typeof reply?.title === "string" ? reply.title : entry.entityId;
    }
    if (entry.entity === "user") return this.users.get(entry.entityId)?.name ?? (typeof data?.email === "string" ? data.email : entry.entityId);
    if (entry.entity === "conversation") return t(this.locale, "reasonsChange", { before: this.reasonNames(data?.before), after: this.reasonNames(data?.after) });
    return "";
  }

  /** A chat's contact reasons as the admin reads them; none shows as a dash. */
  private reasonNames(ids: unknown): string {
    const names = (Array.isArray(ids) ? ids : []).map((id) => this.reasons.get(String(id))?.names[this.locale] ?? String(id));
    return names.length === 0 ? t(this.locale, "none") : names.join(", ");
  }

  private renderRow(entry: AuditEntry) {
    const l = this.locale;
    const fields = (entry.action === "created" || entry.action === "deleted" ? [] : changedFields(asRecord(entry.data))).map((key) => (FIELD_LABEL[key] ? t(l, FIELD_LABEL[key]) : key));
    return html`<tr>
      <td><time datetime=${entry.createdAt}>${dateTime(entry.createdAt, l)}</time></td>
      <td>${entry.actor?.name || t(l, "systemActor")}</td>
      <td><span class="tag">${t(l, `entity_${entry.entity}`)}</span> ${this.subject(entry)}</td>
      <td>${entry.action === "created" && asRecord(entry.data)?.invited === true
        ? t(l, "action_created_invited")
        : ACTION_LABEL[entry.action] ? t(l, ACTION_LABEL[entry.action]) : entry.action}</td>
      <td class="muted">${fields.join(", ")}</td>
    </tr>`;
  }

  override render() {
    const l = this.locale;
    return html`
      <h2>${t(l, "historyHeading")}</h2>
      <p class="intro">${t(l, "historyIntro")}</p>
      <div class="toolbar">
        <div class="field">
          <label for="entity">${t(l, "entity")}</label>
          <select id="entity" @change=${(e: Event) => { this.entity = (e.target as HTMLSelectElement).value as AuditEntity | ""; void this.load(); }}>
            <option value="">${t(l, "allEntities")}</option>
            ${AUDIT_ENTITIES.map((entity) => html`<option value=${entity} ?selected=${this.entity === entity}>${t(l, `entity_${entity}`)}</option>`)}
          </select>
        </div>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${this.entries === null
        ? this.error ? nothing : html`<p>${t(l, "loading")}</p>`
        : this.entries.length === 0
          ? html`<p class="muted">${t(l, "noHistory")}</p>`
          : html`<table>
              <thead><tr><th>${t(l, "when")}</th><th>${t(l, "who")}</th><th>${t(l, "what")}</th><th>${t(l, "change")}</th><th>${t(l, "details")}</th></tr></thead>
              <tbody>${this.entries.map((e) => this.renderRow(e))}</tbody>
            </table>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-history": AdminHistory;
  }
}

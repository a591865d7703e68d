// Past chats: the closed chats, newest first, narrowed to one contact reason; each opens its method review.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ContactReason, Locale, User } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { adminStyles } from "../admin/styles.js";
import { formErrorOf, inLocale, type FormError } from "../admin/form-error.js";
import type { CoachingApi, PastChat } from "./api.js";
import { followLink, isReviewer, pathOf } from "./pages.js";

@customElement("lc-past-chats")
export class PastChats extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: CoachingApi;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) user: User | null = null;
  @state() private reasons: ContactReason[] = [];
  /** The contact reason shown; empty for all. */
  @property({ attribute: false }) reason = "";
  @state() private chats: PastChat[] | null = null;
  @state() private error: FormError | null = null;
  private loads = 0;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.api.contactReasons().then((r) => (this.reasons = r), (err: unknown) => (this.error = formErrorOf(err, this.locale)));
    if (changed.has("api") || changed.has("reason")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    const load = ++this.loads;
    this.error = null;
    try {
      const chats = await this.api.pastChats(this.reason);
      // A slower answer for an earlier filter is dropped.
      if (load === this.loads) this.chats = chats;
    } catch (err) {
      if (load === this.loads) this.error = formErrorOf(err, this.locale);
    }
  }

  private reasonName(id: string): string {
    const reason = this.reasons.find((r) => r.id === id);
    if (!reason) return "";
    return reason.active ? reason.names[this.locale] : t(this.locale, "retiredReason", { name: reason.names[this.locale] });
  }

  private mayOpen(chat: PastChat): boolean {
    return isReviewer(this.user?.role) || chat.operator?.id === this.user?.id;
  }

  override render() {
    const l = this.locale;
    const chats = this.chats;
    return html`
      <h2>${t(l, "navPastChats")}</h2>
      <p class="intro">${t(l, "pastChatsIntro")}</p>
      <div class="toolbar">
        <div class="field">
          <label for="reason-filter">${t(l, "reasonFilter")}</label>
          <select id="reason-filter" @change=${(e: Event) => followLink(e, { page: "past-chats", reason: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${this.reason === ""}>${t(l, "allReasons")}</option>
            ${this.reasons.map((r) => html`<option value=${r.id} ?selected=${this.reason === r.id}>${this.reasonName(r.id)}</option>`)}
          </select>
        </div>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${chats === null
        ? this.error ? nothing : html`<p>${t(l, "loading")}</p>`
        : html`<table>
            <caption class="muted" style="caption-side: top; text-align: left">${t(l, "navPastChats")}</caption>
            <thead><tr><th scope="col">${t(l, "startedAt")}</th><th scope="col">${t(l, "visitorColumn")}</th><th scope="col">${t(l, "operator")}</th><th scope="col">${t(l, "reasonsColumn")}</th><th scope="col"></th></tr></thead>
            <tbody>
              ${chats.length === 0
                ? html`<tr><td colspan="5" class="muted">${t(l, "pastChatsEmpty")}</td></tr>`
                : chats.map((c) => {
                    const name = c.visitor.name || t(l, "visitorFallbackName");
                    const page = { page: "review", conversationId: c.id } as const;
                    return html`<tr>
                      <td><time datetime=${c.timestamps.createdAt}>${dateTime(c.timestamps.createdAt, l)}</time></td>
                      <td>${name}</td>
                      <td>${c.operator?.name ?? t(l, "none")}</td>
                      <td>${(c.reasonIds ?? []).length === 0 ? t(l, "none") : (c.reasonIds ?? []).map((id) => html`<span class="tag">${this.reasonName(id)}</span>`)}</td>
                      <td>${this.mayOpen(c) ? html`<a href=${pathOf(page)} aria-label=${t(l, "reviewOf", { name })} @click=${(e: Event) => followLink(e, page)}>${t(l, "openReview")}</a>` : nothing}</td>
                    </tr>`;
                  })}
            </tbody>
          </table>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-past-chats": PastChats;
  }
}

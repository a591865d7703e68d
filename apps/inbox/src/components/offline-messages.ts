// Messages left while nobody was available, newest first, with the time the answer was promised.
// The list lives in the inbox store, which also counts the unhandled ones for the tab's badge.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { Locale, OfflineMessage } from "@live-chat/protocol";
import { describeError } from "../api.js";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { StoreElement } from "./store-element.js";

@customElement("lc-offline-messages")
export class OfflineMessages extends StoreElement {
  @property() locale: Locale = "en";
  /** Why marking a message handled failed, shown until the next try. */
  @state() private handleError: unknown = null;
  @state() private busy = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    // Opening the tab shows what others handled meanwhile, not only what was pushed.
    if (this.store) void this.store.loadOffline();
  }

  private async handle(m: OfflineMessage): Promise<void> {
    this.handleError = null;
    this.busy = new Set(this.busy).add(m.id);
    try {
      await this.store.markOfflineHandled(m.id);
    } catch (err) {
      this.handleError = err;
    } finally {
      const busy = new Set(this.busy);
      busy.delete(m.id);
      this.busy = busy;
    }
  }

  protected override render() {
    const l = this.locale;
    const messages = this.store.offline;
    const loadError = this.store.offlineError;
    const error = this.handleError ?? loadError;
    const errorText = error ? html`<p class="error" role="alert">${describeError(error, l)}</p>` : null;
    if (messages === null) return loadError ? errorText : html`<p class="empty">${t(l, "loading")}</p>`;
    if (messages.length === 0) return html`${errorText}<p class="empty">${t(l, "offlineEmpty")}</p>`;
    const now = this.store.now;
    return html`
      ${errorText}
      <ul class="offline-list">
        ${repeat(
          messages,
          (m) => m.id,
          (m) => {
            const overdue = !m.handledAt && Date.parse(m.dueAt) < now;
            return html`<li class="offline-item ${m.handledAt ? "handled" : ""}">
              <div class="row-top"><span class="name">${m.name}</span> <a href="mailto:${m.email}">${m.email}</a></div>
              <p class="offline-body">${m.body}</p>
              ${m.phone
                ? html`<p>${m.callbackRequested ? t(l, "offlineCallback", { phone: m.phone }) : t(l, "offlinePhone", { phone: m.phone })}</p>`
                : null}
              <p class="meta">${t(l, "offlineReceived", { time: dateTime(m.createdAt, l) })}</p>
              ${m.handledAt
                ? html`<p class="meta">${t(l, "offlineHandled", { time: dateTime(m.handledAt, l) })}</p>`
                : html`<p class=${overdue ? "due overdue" : "due"}>${t(l, overdue ? "offlineOverdue" : "offlineDue", { time: dateTime(m.dueAt, l) })}</p>
                    <button type="button" ?disabled=${this.busy.has(m.id)} @click=${() => void this.handle(m)}>${t(l, "markHandled")}</button>`}
            </li>`;
          },
        )}
      </ul>
    `;
  }
}

// Messages left while nobody was available, newest first, with the time the answer was promised.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { Locale, OfflineMessage } from "@live-chat/protocol";
import { describeError, markOfflineHandled, offlineMessages } from "../api.js";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

const REFRESH_MS = 30_000;

@customElement("lc-offline-messages")
export class OfflineMessages extends LightElement {
  @property() token = "";
  @property() locale: Locale = "en";
  @state() private messages: OfflineMessage[] | null = null;
  @state() private error = "";
  private timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer) clearInterval(this.timer);
  }

  private async load(): Promise<void> {
    try {
      const list = await offlineMessages(this.token);
      this.messages = [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      this.error = "";
    } catch (err) {
      this.error = describeError(err, this.locale);
    }
  }

  private async handle(m: OfflineMessage): Promise<void> {
    try {
      await markOfflineHandled(this.token, m.id);
      await this.load();
    } catch (err) {
      this.error = describeError(err, this.locale);
    }
  }

  protected override render() {
    const l = this.locale;
    if (this.messages === null) return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="empty">${t(l, "loading")}</p>`;
    if (this.messages.length === 0) return html`<p class="empty">${t(l, "offlineEmpty")}</p>`;
    const now = Date.now();
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
      <ul class="offline-list">
        ${repeat(
          this.messages,
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
                    <button type="button" @click=${() => void this.handle(m)}>${t(l, "markHandled")}</button>`}
            </li>`;
          },
        )}
      </ul>
    `;
  }
}

// Messages left while nobody was available, newest first, with the time the answer was promised.
// The list lives in the inbox store, which also counts the unhandled ones for the tab's badge.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { Locale } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { itemList, ItemActions } from "./item-list.js";
import { StoreElement } from "./store-element.js";
import "./mail-reply.js";

@customElement("lc-offline-messages")
export class OfflineMessages extends StoreElement {
  @property() locale: Locale = "en";
  private readonly actions = new ItemActions(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // Opening the tab shows what others handled meanwhile, not only what was pushed.
    if (this.store) void this.store.workLists.offline.load();
  }

  protected override render() {
    const l = this.locale;
    const now = this.store.now;
    return itemList(l, this.store.workLists.offline, this.actions.error, "offlineEmpty", (messages) => html`
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
              ${m.answeredAt
                ? html`<p class="meta answered">${t(l, "mailAnsweredBy", { name: m.answeredBy?.name ?? "", time: dateTime(m.answeredAt, l) })}</p>`
                : html`<lc-mail-reply .store=${this.store} locale=${l} ?busy=${this.actions.busy(m.id)}
                    .send=${(body: string) => this.actions.run(m.id, () => this.store.workLists.replyToOffline(m.id, body))}></lc-mail-reply>`}
              ${m.handledAt
                ? m.answeredAt ? null : html`<p class="meta">${t(l, "offlineHandled", { time: dateTime(m.handledAt, l) })}</p>`
                : html`<p class=${overdue ? "due overdue" : "due"}>${t(l, overdue ? "offlineOverdue" : "offlineDue", { time: dateTime(m.dueAt, l) })}</p>
                    <button type="button" ?disabled=${this.actions.busy(m.id)} @click=${() => void this.actions.run(m.id, () => this.store.workLists.markOfflineHandled(m.id))}>
                      ${t(l, "markHandled")}
                    </button>`}
            </li>`;
          },
        )}
      </ul>
    `);
  }
}

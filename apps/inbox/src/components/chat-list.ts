// The left column: the operator's chats, the queue, the offline messages and the team's follow-ups, as tabs.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { PHASE_LABELS, type Conversation, type Locale } from "@live-chat/protocol";
import { duration, waitLevel } from "../format.js";
import { t, type MessageKey } from "../i18n.js";
import type { InboxStore } from "../store/index.js";
import { StoreElement } from "./store-element.js";
import "./offline-messages.js";
import "./follow-ups.js";

const TABS = ["mine", "queue", "offline", "followups"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { mine: "tabMine", queue: "tabQueue", offline: "tabOffline", followups: "tabFollowUps" };
/** The tabs whose badge turns urgent, and how their overdue count is said. */
const OVERDUE_LABEL: Partial<Record<Tab, MessageKey>> = { offline: "offlineOverdueCount", followups: "followUpsOverdueCount" };

@customElement("lc-chat-list")
export class ChatList extends StoreElement {
  @property() locale: Locale = "en";
  @state() private tab: Tab = "mine";
  @state() private claimError = "";

  private preview(c: Conversation): string {
    return c.lastMessage?.body ?? t(this.locale, "noMessagesYet");
  }

  private renderWait(since: string | undefined) {
    if (!since) return null;
    const seconds = (this.store.now - Date.parse(since)) / 1000;
    return html`<span class="wait wait-${waitLevel(seconds)}">${t(this.locale, "waiting", { wait: duration(seconds) })}</span>`;
  }

  private renderMine(chats: Conversation[]) {
    const l = this.locale;
    if (chats.length === 0) return html`<p class="empty">${t(l, "mineEmpty")}</p>`;
    return html`<ul class="chat-rows">
      ${repeat(
        chats,
        (c) => c.id,
        (c) => {
          const unread = this.store.conversations.unread.get(c.id) ?? 0;
          const name = c.visitor.name || t(l, "visitorFallbackName");
          return html`<li class="chat-row ${c.id === this.store.conversations.selectedId ? "selected" : ""}">
            <button type="button" class="open-chat" aria-current=${c.id === this.store.conversations.selectedId ? "true" : "false"} @click=${() => this.store.conversations.select(c.id)}>
              <span class="row-top">
                <span class="name">${name}</span>
                ${unread > 0 ? html`<span class="badge" aria-label=${t(l, "unread", { count: unread })}>${unread}</span>` : null}
              </span>
              <span class="last">${this.preview(c)}</span>
              <span class="row-bottom">
                <span class="phase phase-${c.phase}">${PHASE_LABELS[l][c.phase]}</span>
                ${c.status === "wrapping_up" ? html`<span class="status">${t(l, "status_wrapping_up")}</span>` : null}
                ${c.checklist.visitor_left
                  ? // Nobody is waiting any more: a counting timer would urge a reply no one reads.
                    html`<span class="status visitor-left">${t(l, "chatListVisitorLeft")}</span>`
                  : this.renderWait(c.awaitingReplySince)}
              </span>
            </button>
          </li>`;
        },
      )}
    </ul>`;
  }

  private renderQueue(chats: Conversation[]) {
    const l = this.locale;
    const { waiting, oldestWaitSeconds } = this.store.conversations.queue;
    return html`
      ${waiting > 0 ? html`<p class="queue-summary">${t(l, "queueSummary", { waiting, wait: duration(oldestWaitSeconds) })}</p>` : null}
      ${this.claimError ? html`<p class="error" role="alert">${this.claimError}</p>` : null}
      ${chats.length === 0
        ? html`<p class="empty">${t(l, "queueEmpty")}</p>`
        : html`<ul class="chat-rows">
            ${repeat(
              chats,
              (c) => c.id,
              (c) => html`<li class="chat-row queued">
                <div class="queued-info">
                  <span class="row-top"><span class="name">${c.visitor.name || t(l, "visitorFallbackName")}</span>${this.renderWait(c.createdAt)}</span>
                  <span class="last">${this.preview(c)}</span>
                </div>
                <button type="button" class="primary" @click=${() => void this.claim(c)}>${t(l, "claim")}</button>
              </li>`,
            )}
          </ul>`}
    `;
  }

  private async claim(c: Conversation): Promise<void> {
    this.claimError = "";
    const ack = await this.store.conversations.claim(c.id);
    if (ack.ok) this.tab = "mine";
    else this.claimError = this.store.connection.errorText(ack.error);
  }

  private onTabKey(event: KeyboardEvent): void {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(this.tab) + step + TABS.length) % TABS.length];
    this.tab = next;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  protected override render() {
    const l = this.locale;
    const mine = this.store.conversations.mine;
    const queued = this.store.conversations.queued;
    const counts: Record<Tab, number> = { mine: mine.length, queue: queued.length, offline: this.store.workLists.offline.open.length, followups: this.store.workLists.followUps.open.length };
    const overdue: Partial<Record<Tab, number>> = { offline: this.store.workLists.offline.overdue, followups: this.store.workLists.followUps.overdue };
    return html`
      <div class="tabs" role="tablist" aria-label=${t(l, "chatLists")} @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id="tab-${tab}"
            aria-controls="panel-${tab}"
            aria-selected=${tab === this.tab ? "true" : "false"}
            tabindex=${tab === this.tab ? 0 : -1}
            @click=${() => (this.tab = tab)}
          >
            ${t(l, TAB_LABEL[tab])}${counts[tab] ? html` <span class="count ${overdue[tab] ? "urgent" : ""}">${counts[tab]}</span>` : null}${overdue[tab]
              ? html`<span class="visually-hidden"> ${t(l, OVERDUE_LABEL[tab]!, { count: overdue[tab]! })}</span>`
              : null}
          </button>`,
        )}
      </div>
      <div class="tab-panel" role="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}">
        ${this.tab === "mine"
          ? this.renderMine(mine)
          : this.tab === "queue"
            ? this.renderQueue(queued)
            : this.tab === "offline"
              ? html`<lc-offline-messages .store=${this.store} .locale=${l}></lc-offline-messages>`
              : html`<lc-follow-ups .store=${this.store} .locale=${l}></lc-follow-ups>`}
      </div>
    `;
  }
}

// The team's promises (call back, e-mail, answer in a chat), the first due first, until someone marks
// them done. The list lives in the inbox store, kept current by followup:updated, which also counts
// the open ones for the tab's badge. A follow-up whose chat is in the operator's list opens it.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { FollowUp, Locale } from "@live-chat/protocol";
import { dateTime, promiseDue } from "../format.js";
import { t } from "../i18n.js";
import { itemList, ItemActions } from "./item-list.js";
import { StoreElement } from "./store-element.js";
import "./mail-reply.js";

@customElement("lc-follow-ups")
export class FollowUps extends StoreElement {
  @property() locale: Locale = "en";
  private readonly actions = new ItemActions(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // Opening the tab also picks up anything missed while the connection was down.
    if (this.store) void this.store.workLists.followUps.load();
  }

  private mark(f: FollowUp, done: boolean): Promise<void> {
    return this.actions.run(f.id, () => this.store.workLists.markFollowUpDone(f.id, done));
  }

  private renderItem(f: FollowUp, now: number) {
    const l = this.locale;
    const name = f.visitor.name || f.visitor.email || t(l, "visitorFallbackName");
    const chat = this.store.conversations.get(f.conversationId);
    const inMyList = chat?.operator?.id === this.store.user.id;
    const overdue = !f.doneAt && Date.parse(f.dueAt) < now;
    return html`<li class="follow-up-item ${f.doneAt ? "done" : ""} ${f.conversationId === this.store.conversations.selectedId ? "selected" : ""}">
      <div class="row-top">
        ${inMyList
          ? html`<button type="button" class="link name" aria-label=${t(l, "followUpOpenChat", { name })} @click=${() => this.store.conversations.select(f.conversationId)}>${name}</button>`
          : html`<span class="name">${name}</span>`}
        <span class="channel channel-${f.channel}">${t(l, `followUpChannel_${f.channel}`)}</span>
      </div>
      ${f.phone ? html`<p><a href="tel:${f.phone.replace(/[^+0-9]/g, "")}">${f.phone}</a></p>` : null}
      <p class="follow-up-note">${f.note}</p>
      ${f.operator ? html`<p class="meta">${t(l, "followUpPromisedBy", { name: f.operator.name })}</p>` : null}
      ${f.channel === "email" && !f.doneAt && f.visitor.email
        ? html`<lc-mail-reply .store=${this.store} locale=${l} ?busy=${this.actions.busy(f.id)}
            .send=${(body: string) => this.actions.run(f.id, () => this.store.workLists.replyToFollowUp(f.id, body))}></lc-mail-reply>`
        : null}
      ${f.doneAt
        ? html`<p class="meta">${f.doneBy ? t(l, "followUpDoneBy", { time: dateTime(f.doneAt, l), name: f.doneBy.name }) : t(l, "followUpDoneAt", { time: dateTime(f.doneAt, l) })}</p>
            <button type="button" ?disabled=${this.actions.busy(f.id)} @click=${() => void this.mark(f, false)}>${t(l, "markNotDone")}</button>`
        : html`<p class=${overdue ? "due overdue" : "due"}>${t(l, overdue ? "followUpOverdue" : "followUpDue", { time: promiseDue(f, l) })}</p>
            <button type="button" ?disabled=${this.actions.busy(f.id)} @click=${() => void this.mark(f, true)}>${t(l, "markDone")}</button>`}
    </li>`;
  }

  protected override render() {
    const now = this.store.now;
    return itemList(this.locale, this.store.workLists.followUps, this.actions.error, "followUpsEmpty", (list) => html`
      <ul class="follow-up-list">
        ${repeat(
          list,
          (f) => f.id,
          (f) => this.renderItem(f, now),
        )}
      </ul>
    `);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-follow-ups": FollowUps;
  }
}

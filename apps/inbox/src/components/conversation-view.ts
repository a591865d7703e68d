// One chat: phase stepper, transcript, reply box, visitor details, the chat's follow-ups, closing
// checklist, spelling alphabet, promising a follow-up, transfer (its own dialog) and ending the chat.
import { html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { Ack, ChecklistItem, ContactReason, Conversation, FollowUp, Locale, Phase } from "@live-chat/protocol";
import { contactReasons, describeError } from "../api.js";
import { dateTime, localTimeIn, promiseDue } from "../format.js";
import { followUpReply, promiseTime } from "../follow-up-text.js";
import { t } from "../i18n.js";
import type { InboxStore } from "../store/index.js";
import { StoreElement } from "./store-element.js";
import type { Composer } from "./composer.js";
import type { FollowUpForm } from "./follow-up-form.js";
import { showsReasonStep } from "./closing-checklist.js";
import type { TransferDialog } from "./transfer-dialog.js";
import "./follow-up-form.js";
import "./transfer-dialog.js";
import "./composer.js";
import "./phase-stepper.js";
import "./spelling-tool.js";
import "./transcript.js";
import "./transcript-mail.js";
import "./visitor-trail.js";
import "./visitor-history.js";

@customElement("lc-conversation-view")
export class ConversationView extends StoreElement {
  @property() locale: Locale = "en";
  @state() private selection = "";
  @state() private actionError = "";
  @state() private closeRefusal = "";
  /** Said once a follow-up is saved and its reply drafted, until another chat is shown. */
  @state() private followUpNotice = false;
  /** The contact reasons, loaded the first time a chat reaches the closing checklist's reason step. */
  @state() private contactReasons: ContactReason[] | null = null;
  private reasonsRequested = false;
  @query("lc-composer") private composer!: Composer;
  @query("lc-transfer-dialog") private transferDialog!: TransferDialog;
  @query("lc-follow-up-form") private followUpForm!: FollowUpForm;
  private shownId: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.store.conversations.selectedId;
    if (id !== this.shownId) {
      this.shownId = id;
      this.selection = "";
      this.actionError = "";
      this.closeRefusal = "";
      this.followUpNotice = false;
    }
  }

  /** Starts loading the reasons once a chat needs them; a failed load is tried again on the next render. */
  private reasonsFor(c: Conversation): ContactReason[] | null {
    if (this.contactReasons === null && !this.reasonsRequested && showsReasonStep(c)) {
      this.reasonsRequested = true;
      contactReasons(this.store.token).then(
        (list) => (this.contactReasons = list),
        (err: unknown) => {
          this.reasonsRequested = false;
          this.actionError = describeError(err, this.locale);
        },
      );
    }
    return this.contactReasons;
  }

  private async run(action: Promise<Ack>): Promise<boolean> {
    this.actionError = "";
    const ack = await action;
    if (!ack.ok) this.actionError = this.store.connection.errorText(ack.error);
    return ack.ok;
  }

  private async endChat(c: Conversation, reason?: string): Promise<void> {
    this.actionError = "";
    const ack = await this.store.conversations.close(c.id, reason);
    if (ack.ok) this.closeRefusal = "";
    else if (ack.error.code === "VISITOR_STILL_CONNECTED") this.closeRefusal = this.store.connection.errorText(ack.error);
    else this.actionError = this.store.connection.errorText(ack.error);
  }

  /** The promise is saved: the reply telling the visitor goes into the reply box, never out by itself. */
  private onFollowUpPromised(f: FollowUp, c: Conversation): void {
    if (this.store.conversations.selectedId !== f.conversationId) return;
    const chatLocale = c.locale ?? c.visitor.locale ?? this.locale;
    const when = promiseTime(f.dueAt, chatLocale, f.timeZone ?? c.visitor.timeZone, Date.now());
    this.composer.insert(followUpReply(f.channel, chatLocale, when, f.phone), { note: false, summary: false, canned: undefined });
    this.followUpNotice = true;
  }

  /** Kept here too, so a promise kept while the chat is still open is ticked off where it was made. */
  private async markFollowUpDone(id: string): Promise<void> {
    this.actionError = "";
    try {
      await this.store.workLists.markFollowUpDone(id, true);
    } catch (err) {
      this.actionError = describeError(err, this.locale);
    }
  }

  private renderFollowUps(c: Conversation) {
    const l = this.locale;
    const list = this.store.workLists.chatFollowUps(c.id) ?? [];
    return html`
      <section class="chat-follow-ups" aria-labelledby="chat-follow-ups-heading">
        <h3 id="chat-follow-ups-heading">${t(l, "followUpsHeading")}</h3>
        ${list.length === 0
          ? html`<p class="help">${t(l, "followUpsNone")}</p>`
          : html`<ul>
              ${list.map((f) => {
                const overdue = !f.doneAt && Date.parse(f.dueAt) < this.store.now;
                return html`<li class="chat-follow-up ${f.doneAt ? "done" : "open"}">
                  <span class="channel">${t(l, `followUpChannel_${f.channel}`)}${f.phone ? ` · ${f.phone}` : ""}</span>
                  ${f.doneAt
                    ? html`<span class="meta">${f.doneBy ? t(l, "followUpDoneBy", { time: dateTime(f.doneAt, l), name: f.doneBy.name }) : t(l, "followUpDoneAt", { time: dateTime(f.doneAt, l) })}</span>`
                    : html`<span class=${overdue ? "due overdue" : "due"}>${t(l, overdue ? "followUpOverdue" : "followUpDue", { time: promiseDue(f, l) })}</span>`}
                  <span class="follow-up-note">${f.note}</span>
                  ${f.doneAt
                    ? nothing
                    : html`<button type="button" aria-label=${`${t(l, "markDone")}: ${f.note}`} @click=${() => void this.markFollowUpDone(f.id)}>
                        ${t(l, "markDone")}
                      </button>`}
                </li>`;
              })}
            </ul>`}
      </section>
    `;
  }

  private renderDetails(c: Conversation) {
    const l = this.locale;
    const v = c.visitor;
    const unknown = t(l, "unknown");
    const localTime = localTimeIn(v.timeZone, this.store.now, l);
    const live = this.store.liveVisitors.get(v.id);
    return html`
      <section class="details" aria-labelledby="details-heading">
        <h3 id="details-heading">${t(l, "visitorDetails")}</h3>
        <dl>
          <dt>${t(l, "detailName")}</dt>
          <dd>${v.name || unknown}</dd>
          <dt>${t(l, "detailEmail")}</dt>
          <dd>${v.email ? html`<a href="mailto:${v.email}">${v.email}</a>` : unknown}</dd>
          <dt>${t(l, "detailIdentity")}</dt>
          <dd class=${v.verified ? "verified" : "unverified"}>${v.verified ? t(l, "verified") : t(l, "notVerified")}</dd>
          <dt>${t(l, "detailLocale")}</dt>
          <dd>${v.locale ? t(l, `locale_${v.locale}`) : unknown}</dd>
          <dt>${t(l, "detailLocalTime")}</dt>
          <dd>${localTime ?? unknown}</dd>
          <dt>${t(l, "detailPage")}</dt>
          <dd class="page-url">${v.pageUrl && /^https?:\/\//.test(v.pageUrl) ? html`<a href=${v.pageUrl} target="_blank" rel="noopener noreferrer nofollow">${v.pageUrl}</a>` : v.pageUrl || unknown}</dd>
          <dt>${t(l, "detailPresence")}</dt>
          <dd>${c.visitorConnected ? t(l, "visitorConnected") : t(l, "visitorGone")}</dd>
        </dl>
        ${live ? html`<lc-visitor-trail .visitor=${live} .locale=${l} .now=${this.store.now}></lc-visitor-trail>` : null}
        <lc-visitor-history .store=${this.store} .visitorId=${v.id} .exceptId=${c.id} .locale=${l}></lc-visitor-history>
      </section>
    `;
  }

  private renderCloseRefusal(c: Conversation) {
    const l = this.locale;
    return html`
      <form
        class="close-refusal"
        role="alert"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const reason = String(new FormData(e.target as HTMLFormElement).get("reason") ?? "").trim();
          if (reason) void this.endChat(c, reason);
        }}
      >
        <p>${this.closeRefusal}</p>
        <label for="close-reason">${t(l, "closeReason")}</label>
        <input id="close-reason" name="reason" required />
        <button type="submit">${t(l, "endWithReason")}</button>
        <button type="button" @click=${() => (this.closeRefusal = "")}>${t(l, "cancel")}</button>
      </form>
    `;
  }

  protected override render() {
    const l = this.locale;
    const c = this.store.conversations.selected;
    if (!c) return html`<section class="conversation empty-state"><p>${t(l, "chooseChat")}</p></section>`;
    const closed = c.status === "closed";
    const chatLocale = c.locale ?? c.visitor.locale ?? l;
    // In the action phase the method asks for an expected time when it cannot be solved now: the promise is offered up front.
    const actionPhase = c.phase === "action" && !closed;
    return html`
      <section class="conversation" aria-labelledby="conversation-heading">
        <header class="conversation-head">
          <h2 id="conversation-heading">${c.visitor.name || t(l, "visitorFallbackName")}</h2>
          <span class="status status-${c.status}">${t(l, `status_${c.status}`)}</span>
          <span class="spacer"></span>
          ${actionPhase ? null : html`<button type="button" class="quiet" ?disabled=${closed} @click=${() => this.followUpForm.open()}>${t(l, "promiseFollowUp")}</button>`}
          <button type="button" ?disabled=${closed} @click=${() => void this.transferDialog.open()}>${t(l, "transfer")}</button>
          <button type="button" class="danger" ?disabled=${closed} @click=${() => void this.endChat(c)}>${t(l, "endChat")}</button>
        </header>
        ${this.closeRefusal && !closed ? this.renderCloseRefusal(c) : null}
        ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : null}
        ${closed ? html`<p class="closed-banner" role="status">${t(l, "chatClosed")}</p>` : null}
        ${c.handOverToId && !closed ? html`<p class="hand-over-queued" role="status">${t(l, "handOverQueued", { name: this.store.conversations.colleagueName(c.handOverToId) ?? t(l, "someColleague") })}</p>` : null}
        <lc-phase-stepper
          .phase=${c.phase}
          .locale=${l}
          ?disabled=${closed}
          @phase-chosen=${(e: CustomEvent<Phase>) => void this.run(this.store.conversations.setPhase(c.id, e.detail))}
        ></lc-phase-stepper>
        ${actionPhase
          ? html`<div class="follow-up-callout">
              <p>${t(l, "followUpCallout")}</p>
              <button type="button" class="primary" @click=${() => this.followUpForm.open()}>${t(l, "promiseFollowUp")}</button>
            </div>`
          : null}
        ${this.followUpNotice ? html`<p class="follow-up-notice" role="status">${t(l, "followUpSaved")}</p>` : null}
        <div class="conversation-body">
          <div class="conversation-main">
            <lc-transcript
              .store=${this.store}
              .conversationId=${c.id}
              .locale=${l}
              @visitor-selection=${(e: CustomEvent<string>) => (this.selection = e.detail)}
              @visitor-clarify=${(e: CustomEvent<string>) => {
                this.selection = e.detail;
                this.composer.clarify(e.detail);
              }}
            ></lc-transcript>
            <lc-composer .store=${this.store} .conversation=${c} .locale=${l} .selection=${this.selection}></lc-composer>
          </div>
          <aside class="conversation-side">
            ${this.renderDetails(c)}
            ${this.renderFollowUps(c)}
            <lc-transcript-mail .conversation=${c} .token=${this.store.token} .locale=${l}></lc-transcript-mail>
            <lc-closing-checklist
              .conversation=${c}
              .locale=${l}
              .reasons=${this.reasonsFor(c)}
              .setReasons=${(ids: string[]) => this.run(this.store.conversations.setReasons(c.id, ids))}
              .check=${(item: ChecklistItem) => this.run(this.store.conversations.check(c.id, item))}
            ></lc-closing-checklist>
            <lc-spelling-tool .locale=${l} .chatLocale=${chatLocale} @insert-text=${(e: CustomEvent<string>) => this.composer.insert(e.detail)}></lc-spelling-tool>
          </aside>
        </div>
        <lc-transfer-dialog .store=${this.store} .conversation=${c} .locale=${l}></lc-transfer-dialog>
        <lc-follow-up-form
          .store=${this.store}
          .conversation=${c}
          .locale=${l}
          @follow-up-promised=${(e: CustomEvent<FollowUp>) => this.onFollowUpPromised(e.detail, c)}
        ></lc-follow-up-form>
      </section>
    `;
  }
}

// "Invite to chat": a short proactive message to a live visitor, with the opening phase's canned
// replies offered first (filled in for this visitor, in their language).
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LIVE_LIMITS, fillPlaceholders, type CannedReply, type LiveVisitor, type Locale } from "@live-chat/protocol";
import { cannedReplies } from "../api.js";
import { t } from "../i18n.js";
import { StoreElement } from "./store-element.js";

@customElement("lc-invite-form")
export class InviteForm extends StoreElement {
  @property({ attribute: false }) visitor!: LiveVisitor;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private replies: CannedReply[] = [];
  @state() private body = "";
  @state() private status: { kind: "sent" | "error"; text: string } | null = null;
  @state() private sending = false;
  private loadedFor = "";

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    const replyLocale = this.visitor.locale ?? this.locale;
    if (this.loadedFor !== `${this.visitor.id}:${replyLocale}`) {
      if (this.loadedFor.split(":")[0] !== this.visitor.id) {
        this.body = "";
        this.status = null;
      }
      this.loadedFor = `${this.visitor.id}:${replyLocale}`;
      void cannedReplies(this.store.token, "opening", replyLocale).then(
        (list) => (this.replies = list.filter((r) => r.phases.includes("opening"))),
        () => (this.replies = []),
      );
    }
  }

  private fill(reply: CannedReply): string {
    return fillPlaceholders(reply.body, {
      locale: reply.locale,
      visitor: { name: this.visitor.name },
      operator: { name: this.store.user.name },
      selection: null,
      timeZone: this.visitor.timeZone,
      now: new Date(),
    });
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const body = this.body.trim();
    if (!body || this.sending) return;
    this.sending = true;
    const error = await this.store.liveVisitors.invite(this.visitor.id, body);
    this.sending = false;
    this.status = error ? { kind: "error", text: error } : { kind: "sent", text: t(this.locale, "inviteSent") };
    if (!error) this.body = "";
  }

  protected override render() {
    const l = this.locale;
    const id = `invite-${this.visitor.id}`;
    if (this.visitor.dismissedInvitation) return html`<p class="invite-declined">${t(l, "inviteDeclined")}</p>`;
    return html`<form class="invite-form" aria-labelledby="${id}-heading" @submit=${(e: SubmitEvent) => void this.send(e)}>
      <h4 id="${id}-heading">${t(l, "inviteHeading")}</h4>
      ${this.replies.length
        ? html`<p class="suggestions-label" id="${id}-suggestions">${t(l, "inviteSuggestions")}</p>
            <ul class="suggestions" aria-labelledby="${id}-suggestions">
              ${this.replies.map((r) => html`<li><button type="button" title=${this.fill(r)} @click=${() => (this.body = this.fill(r))}>${r.title}</button></li>`)}
            </ul>`
        : nothing}
      <label for="${id}-body">${t(l, "inviteMessage")}</label>
      <textarea id="${id}-body" rows="3" maxlength=${LIVE_LIMITS.invitation} .value=${this.body} @input=${(e: Event) => (this.body = (e.target as HTMLTextAreaElement).value)}></textarea>
      <button type="submit" ?disabled=${this.sending || !this.body.trim()}>${t(l, "inviteSend")}</button>
      ${this.status ? html`<p class=${this.status.kind} role=${this.status.kind === "error" ? "alert" : "status"}>${this.status.text}</p>` : nothing}
    </form>`;
  }
}

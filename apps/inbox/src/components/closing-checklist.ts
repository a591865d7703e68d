// The closing checklist: three items the operator ticks (or a tagged reply ticks), visitor_left,
// which only the server checks when the customer goes, and in the closing phase the contact reasons
// (issue #12), which are a step to take but never stop a chat from closing.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type ChecklistItem, type ContactReason, type Conversation, type Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

/** The reason step shows from the closing phase on, and stays once the chat winds down or has closed. */
export function showsReasonStep(c: Conversation): boolean {
  return c.phase === "closing" || c.status === "wrapping_up" || c.status === "closed";
}

@customElement("lc-closing-checklist")
export class ClosingChecklist extends LightElement {
  @property({ attribute: false }) conversation!: Conversation;
  @property() locale: Locale = "en";

  /** Asks the server to check an item; resolves false when it refused. */
  @property({ attribute: false }) check: (item: ChecklistItem) => Promise<boolean> = async () => false;

  /** The contact reasons to pick from (null until loaded). */
  @property({ attribute: false }) reasons: ContactReason[] | null = null;

  /** Asks the server to replace the chat's reasons; resolves false when it refused. */
  @property({ attribute: false }) setReasons: (reasonIds: string[]) => Promise<boolean> = async () => false;

  /** Items ticked here that the server has not confirmed yet: they stay ticked meanwhile. */
  @state() private pending = new Set<ChecklistItem>();

  private async tick(item: ChecklistItem): Promise<void> {
    this.pending = new Set(this.pending).add(item);
    await this.check(item);
    const rest = new Set(this.pending);
    rest.delete(item);
    this.pending = rest;
  }

  /**
   * The reasons as the operator last ticked them, while a change is on its way: a second tick before the
   * first is confirmed builds on the first, instead of on the server's older list (which would drop it).
   */
  @state() private picked: string[] | null = null;
  private reasonChanges = 0;

  private async toggleReason(id: string, on: boolean): Promise<void> {
    const current = this.picked ?? this.conversation.reasonIds ?? [];
    const next = on ? [...current.filter((r) => r !== id), id] : current.filter((r) => r !== id);
    this.picked = next;
    this.reasonChanges++;
    try {
      await this.setReasons(next);
    } finally {
      // Once the last change is answered the server's list is the truth again (a refusal shows what it kept).
      if (--this.reasonChanges === 0) this.picked = null;
    }
  }

  /** Active reasons, and retired ones only where this chat already has them. */
  private renderReasons(c: Conversation, l: Locale) {
    const chosen = this.picked ?? c.reasonIds ?? [];
    const shown = (this.reasons ?? []).filter((r) => r.active || chosen.includes(r.id));
    return html`
      <fieldset class="contact-reasons">
        <legend>${t(l, "contactReasonStep")}</legend>
        ${this.reasons === null
          ? html`<p class="help">${t(l, "loading")}</p>`
          : shown.map(
              (r) => html`<label class="check-item ${chosen.includes(r.id) ? "checked" : ""}">
                <input type="checkbox" .checked=${live(chosen.includes(r.id))} ?disabled=${c.status === "closed"}
                  @change=${(e: Event) => void this.toggleReason(r.id, (e.target as HTMLInputElement).checked)} />
                ${r.names[l]}
              </label>`,
            )}
        <p class="help">${t(l, "contactReasonOptional")}</p>
      </fieldset>
    `;
  }

  protected override render() {
    const l = this.locale;
    const c = this.conversation;
    return html`
      <fieldset class="checklist">
        <legend>${t(l, "checklist")}</legend>
        ${CHECKLIST_ITEMS.map((item) => {
          const byServer = item === "visitor_left";
          const checked = c.checklist[item] || this.pending.has(item);
          return html`<label class="check-item ${checked ? "checked" : ""} ${byServer ? "by-server" : ""}">
            <input
              type="checkbox"
              .checked=${live(checked)}
              ?disabled=${byServer || checked || c.status === "closed"}
              aria-describedby=${byServer ? "visitor-left-note" : ""}
              @change=${() => void this.tick(item)}
            />
            ${CHECKLIST_LABELS[l][item]}
          </label>`;
        })}
        <p id="visitor-left-note" class="help">${t(l, "visitorLeftNote")}</p>
        ${showsReasonStep(c) ? this.renderReasons(c, l) : null}
        ${c.status === "wrapping_up" ? html`<p class="waiting-for-leave" role="status">${t(l, "waitingForLeave")}</p>` : null}
      </fieldset>
    `;
  }
}

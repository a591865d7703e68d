// The closing checklist: three items the operator ticks (or a tagged reply ticks), and
// visitor_left, which only the server checks when the customer goes.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type ChecklistItem, type Conversation, type Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-closing-checklist")
export class ClosingChecklist extends LightElement {
  @property({ attribute: false }) conversation!: Conversation;
  @property() locale: Locale = "en";

  /** Asks the server to check an item; resolves false when it refused. */
  @property({ attribute: false }) check: (item: ChecklistItem) => Promise<boolean> = async () => false;

  /** Items ticked here that the server has not confirmed yet: they stay ticked meanwhile. */
  @state() private pending = new Set<ChecklistItem>();

  private async tick(item: ChecklistItem): Promise<void> {
    this.pending = new Set(this.pending).add(item);
    await this.check(item);
    const rest = new Set(this.pending);
    rest.delete(item);
    this.pending = rest;
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
        ${c.status === "wrapping_up" ? html`<p class="waiting-for-leave" role="status">${t(l, "waitingForLeave")}</p>` : null}
      </fieldset>
    `;
  }
}

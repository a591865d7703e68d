// The operator's messages that are not stored yet, each on its own line with its own retry: what
// the lost connection holds up says so and goes out by itself once it is back.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import type { PendingSend } from "../store/index.js";
import { StoreElement } from "./store-element.js";

@customElement("lc-pending-sends")
export class PendingSends extends StoreElement {
  @property() locale: Locale = "en";
  @property() conversationId = "";

  private status(p: PendingSend): string {
    const l = this.locale;
    if (p.state === "sending") return t(l, "pendingSending");
    if (p.error?.code === "CONNECTION_LOST") return t(l, "pendingConnectionLost");
    return t(l, "sendFailed", { reason: p.error ? this.store.connection.errorText(p.error) : "" });
  }

  protected override render() {
    const l = this.locale;
    const pending = this.store.outbox.for(this.conversationId);
    if (pending.length === 0) return null;
    return html`<ul class="pending-sends" aria-label=${t(l, "pendingList")}>
      ${pending.map(
        (p) => html`<li class="pending-send ${p.state}" data-client-id=${p.clientId}>
          <span class="pending-body">${p.options.kind === "note" ? html`<span class="pending-kind">${t(l, "pendingNote")}</span> ` : null}${p.body}</span>
          <span class="pending-status" role=${p.state === "failed" ? "alert" : "status"}>${this.status(p)}</span>
          ${p.state === "failed"
            ? html`<span class="pending-actions">
                <button type="button" @click=${() => this.store.outbox.retry(p.clientId)}>${t(l, "pendingRetry")}</button>
                <button type="button" class="link" @click=${() => this.store.outbox.discard(p.clientId)}>${t(l, "pendingDiscard")}</button>
              </span>`
            : null}
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-pending-sends": PendingSends;
  }
}

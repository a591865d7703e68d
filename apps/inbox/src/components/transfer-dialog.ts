// Handing a chat to a colleague: choose who, add a note, and when they are at their maximum choose
// to hand it over anyway (a warm hand-over) or to queue it for them until a seat frees.
import { html, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { operatorAtCapacity, type Conversation, type ErrorBody, type Locale, type TransferWhenFull } from "@live-chat/protocol";
import { t } from "../i18n.js";
import type { InboxStore } from "../store/index.js";
import { StoreElement } from "./store-element.js";

type Colleague = Awaited<ReturnType<InboxStore["conversations"]["colleagues"]>>[number];
/** The colleague who was full when the operator asked, and their maximum: the two ways on are offered. */
type Full = { toOperatorId: string; note: string; name: string; maxChats: number };

@customElement("lc-transfer-dialog")
export class TransferDialog extends StoreElement {
  @property() locale: Locale = "en";
  @property({ attribute: false }) conversation!: Conversation;
  @state() private colleagues: Colleague[] | null = null;
  @state() private error = "";
  @state() private full: Full | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("conversation") && changed.get("conversation")?.id !== this.conversation?.id) this.reset();
  }

  private reset(): void {
    this.error = "";
    this.full = null;
  }

  async open(): Promise<void> {
    this.reset();
    this.colleagues = null;
    this.dialog.showModal();
    this.colleagues = await this.store.conversations.colleagues();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const to = String(form.get("colleague") ?? "");
    if (to) await this.send(to, String(form.get("note") ?? ""), "refuse");
  }

  private async send(toOperatorId: string, note: string, whenFull: TransferWhenFull): Promise<void> {
    this.error = "";
    const ack = await this.store.conversations.transfer(this.conversation.id, toOperatorId, note, whenFull);
    if (ack.ok) {
      this.full = null;
      this.dialog.close();
      return;
    }
    if (ack.error.code === "OPERATOR_AT_CAPACITY") this.full = { toOperatorId, note, ...this.capacityOf(ack.error, toOperatorId) };
    else this.error = this.store.connection.errorText(ack.error);
  }

  /** Who is full and at how many: from the refusal itself, else from the list the operator chose from. */
  private capacityOf(error: ErrorBody, toOperatorId: string): { name: string; maxChats: number } {
    const listed = this.colleagues?.find((o) => o.id === toOperatorId);
    const name = typeof error.params?.name === "string" ? error.params.name : (listed?.name ?? "");
    const maxChats = typeof error.params?.maxChats === "number" ? error.params.maxChats : (listed?.maxChats ?? 0);
    return { name, maxChats };
  }

  private renderFull(full: Full) {
    const l = this.locale;
    return html`<div class="transfer-full" role="alert">
      <p>${operatorAtCapacity(l, full.name, full.maxChats).message}</p>
      <div class="dialog-actions">
        <button type="button" @click=${() => void this.send(full.toOperatorId, full.note, "anyway")}>${t(l, "handOverAnyway")}</button>
        <button type="button" @click=${() => void this.send(full.toOperatorId, full.note, "queue")}>${t(l, "queueForColleague", { name: full.name })}</button>
      </div>
    </div>`;
  }

  protected override render() {
    const l = this.locale;
    const c = this.conversation;
    const colleagues = this.colleagues;
    return html`
      <dialog class="transfer" aria-labelledby="transfer-heading" @close=${() => this.reset()}>
        <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
          <h2 id="transfer-heading">${t(l, "transferHeading")}</h2>
          ${(c.transferCount ?? 0) > 0 ? html`<p class="warning" role="alert">${t(l, "transferAgain")}</p>` : null}
          ${colleagues === null
            ? html`<p>${t(l, "loading")}</p>`
            : colleagues.length === 0
              ? html`<p>${t(l, "noColleagues")}</p>`
              : html`
                  <label for="transfer-colleague">${t(l, "colleague")}</label>
                  <select id="transfer-colleague" name="colleague" required @change=${() => this.reset()}>
                    ${colleagues.map(
                      (o) => html`<option value=${o.id} ?disabled=${o.presence !== "online"}>
                        ${t(l, "colleagueOption", { name: o.name, presence: t(l, `presence_${o.presence ?? "offline"}`), open: o.openChats, max: o.maxChats })}
                      </option>`,
                    )}
                  </select>
                  <label for="transfer-note">${t(l, "transferNote")}</label>
                  <textarea id="transfer-note" name="note" rows="3"></textarea>
                `}
          ${this.full ? this.renderFull(this.full) : null}
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
          <div class="dialog-actions">
            <button type="button" @click=${() => this.dialog.close()}>${t(l, "cancel")}</button>
            <button type="submit" class="primary" ?disabled=${!colleagues?.length}>${(c.transferCount ?? 0) > 0 ? t(l, "transferAnyway") : t(l, "transfer")}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

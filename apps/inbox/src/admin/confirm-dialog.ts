// One modal question with a cancel and a confirm button; Escape counts as cancel.
import { html, LitElement } from "lit";
import { customElement, query, state } from "lit/decorators.js";
import { adminStyles } from "./styles.js";

@customElement("lc-admin-confirm")
export class AdminConfirm extends LitElement {
  static override styles = adminStyles;

  @state() private question = "";
  @state() private confirmLabel = "";
  @state() private cancelLabel = "";
  @query("dialog") private dialog!: HTMLDialogElement;
  private settle: ((confirmed: boolean) => void) | undefined;

  /** Shows the question and resolves with whether the admin confirmed. */
  async ask(question: string, labels: { confirm: string; cancel: string }): Promise<boolean> {
    this.settle?.(false);
    this.question = question;
    this.confirmLabel = labels.confirm;
    this.cancelLabel = labels.cancel;
    await this.updateComplete;
    this.dialog.showModal();
    return new Promise((resolve) => (this.settle = resolve));
  }

  private answer(confirmed: boolean): void {
    const settle = this.settle;
    this.settle = undefined;
    if (this.dialog.open) this.dialog.close();
    settle?.(confirmed);
  }

  override render() {
    return html`
      <dialog aria-labelledby="question" @close=${() => this.answer(false)}>
        <p id="question">${this.question}</p>
        <div class="buttons">
          <button @click=${() => this.answer(false)}>${this.cancelLabel}</button>
          <button class="primary" @click=${() => this.answer(true)}>${this.confirmLabel}</button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-admin-confirm": AdminConfirm;
  }
}

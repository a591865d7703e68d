// <live-chat-queue>: the visitor's place in line, and when the wait passes the admin's limit, the offer to leave a message instead.
import { LitElement, css, html, nothing } from "lit";
import type { QueueInfo } from "@live-chat/protocol";
import type { Strings } from "../i18n/panel.js";
import { format } from "../locale.js";
import { controls, define, emit } from "./part.js";

export class QueueNotice extends LitElement {
  static override properties = { t: {}, queue: {}, queued: {}, beforeChat: {}, waitSeconds: {}, limitSeconds: {} };

  declare t: Strings;
  declare queue: QueueInfo | undefined;
  /** The visitor's chat waits for a colleague. */
  declare queued: boolean;
  /** No chat yet: the wait is what a chat started now would take. */
  declare beforeChat: boolean;
  declare waitSeconds: number | undefined;
  declare limitSeconds: number | undefined;

  private queueText(): string {
    const q = this.queue;
    const t = this.t;
    if (!q) return t.waiting;
    const minutes = Math.max(1, Math.ceil(q.estimatedWaitSeconds / 60));
    if (q.position <= 1 && q.estimatedWaitSeconds < 60) return t.queueFirst;
    return format(minutes === 1 ? t.queueOne : t.queueMany, { position: q.position, minutes });
  }

  private leaveOffer(text: string) {
    return html`<p>${text}</p>
      <button type="button" @click=${() => emit(this, "live-chat-leave-message")}>${this.t.leaveMessage}</button>`;
  }

  protected override render() {
    const t = this.t;
    const wait = this.waitSeconds;
    const tooLong = this.limitSeconds !== undefined && wait !== undefined && wait > this.limitSeconds;
    if (this.queued) return html`<div><p role="status">${this.queueText()}</p>${tooLong ? this.leaveOffer(t.longWaitQueued) : nothing}</div>`;
    if (!this.beforeChat || !tooLong) return nothing;
    const minutes = Math.ceil((wait ?? 0) / 60);
    return html`<div>${this.leaveOffer(minutes <= 1 ? t.longWaitBeforeOne : format(t.longWaitBefore, { minutes }))}</div>`;
  }

  static override styles = [
    controls,
    css`
      div {
        padding: 8px 16px;
        font-size: 12px;
        background: #eff6ff;
        color: #1e3a8a;
      }
      p {
        margin: 0;
      }
      button {
        margin-top: 6px;
      }
    `,
  ];
}

define("live-chat-queue", QueueNotice);

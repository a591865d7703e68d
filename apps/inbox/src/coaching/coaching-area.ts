// The coaching screens inside the inbox: past chats (filtered by contact reason), one chat's method review, my reviews.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Locale, User } from "@live-chat/protocol";
import { CoachingApi } from "./api.js";
import type { CoachingPage } from "./pages.js";
import "./past-chats.js";
import "./chat-review.js";
import "./my-reviews.js";

@customElement("lc-coaching-area")
export class CoachingArea extends LitElement {
  @property({ attribute: false }) token = "";
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) user: User | null = null;
  @property({ attribute: false }) page: CoachingPage = { page: "past-chats" };
  private api: CoachingApi | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("token")) this.api = this.token ? new CoachingApi(this.token) : null;
  }

  override render() {
    const api = this.api;
    if (!api) return nothing;
    const l = this.locale;
    switch (this.page.page) {
      case "past-chats":
        return html`<lc-past-chats .api=${api} .locale=${l} .user=${this.user} .reason=${this.page.reason ?? ""}></lc-past-chats>`;
      case "my-reviews":
        return html`<lc-my-reviews .api=${api} .locale=${l}></lc-my-reviews>`;
      case "review":
        return html`<lc-chat-review .api=${api} .locale=${l} .user=${this.user} .conversationId=${this.page.conversationId}></lc-chat-review>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-coaching-area": CoachingArea;
  }
}

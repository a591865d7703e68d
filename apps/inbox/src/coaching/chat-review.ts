// The method review of one chat, for coaching: the verdict, the timeline and the reviewers' notes.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ChatReview, Locale, Message, User } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { adminStyles } from "../admin/styles.js";
import { formErrorOf, inLocale, type FormError } from "../admin/form-error.js";
import type { CoachingApi } from "./api.js";
import { isReviewer } from "./pages.js";
import "./review-figures.js";
import "./review-timeline.js";
import "./review-notes.js";

@customElement("lc-chat-review")
export class ChatReviewView extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: CoachingApi;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) user: User | null = null;
  @property({ attribute: false }) conversationId = "";
  @state() private review: ChatReview | null = null;
  @state() private messages: Message[] = [];
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api") || changed.has("conversationId")) void this.load();
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  private async load(): Promise<void> {
    const id = this.conversationId;
    this.review = null;
    this.error = null;
    try {
      const [review, messages] = await Promise.all([this.api.review(id), this.api.transcript(id)]);
      if (id !== this.conversationId) return;
      this.review = review;
      this.messages = messages;
    } catch (err) {
      if (id === this.conversationId) this.error = formErrorOf(err, this.locale);
    }
  }

  override render() {
    const l = this.locale;
    const r = this.review;
    if (this.error) return html`<p class="error" role="alert">${this.error.message}</p>`;
    if (!r) return html`<p>${t(l, "loading")}</p>`;
    const name = this.messages.find((m) => m.author.type === "visitor" && m.author.name)?.author.name ?? t(l, "visitorFallbackName");
    return html`
      <h2>${t(l, "reviewHeading", { name })}</h2>
      <p class="intro">${t(l, "reviewIntro")}</p>
      <div class="grid2">
        <lc-review-timeline .review=${r} .messages=${this.messages} .locale=${l}></lc-review-timeline>
        <div>
          <lc-review-figures .review=${r} .locale=${l}></lc-review-figures>
          <lc-review-notes .api=${this.api} .locale=${l} .conversationId=${r.conversationId} .notes=${r.notes} .mayWrite=${isReviewer(this.user?.role)}></lc-review-notes>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-chat-review": ChatReviewView;
  }
}

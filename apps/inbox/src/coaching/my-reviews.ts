// My reviews: the notes and scores reviewers left on the signed-in operator's chats, each linking to that chat's review.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Locale, ReviewNote } from "@live-chat/protocol";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { adminStyles } from "../admin/styles.js";
import { formErrorOf, inLocale, type FormError } from "../admin/form-error.js";
import type { CoachingApi } from "./api.js";
import { followLink, pathOf } from "./pages.js";

@customElement("lc-my-reviews")
export class MyReviews extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) api!: CoachingApi;
  @property({ attribute: false }) locale: Locale = "en";
  @state() private notes: ReviewNote[] | null = null;
  @state() private error: FormError | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("api")) void this.api.myReviews().then((n) => (this.notes = n), (err: unknown) => (this.error = formErrorOf(err, this.locale)));
    if (changed.has("locale")) this.error = inLocale(this.error, this.locale);
  }

  override render() {
    const l = this.locale;
    const notes = this.notes;
    return html`
      <h2>${t(l, "navMyReviews")}</h2>
      <p class="intro">${t(l, "myReviewsIntro")}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : nothing}
      ${notes === null
        ? this.error ? nothing : html`<p>${t(l, "loading")}</p>`
        : notes.length === 0
          ? html`<p class="muted">${t(l, "myReviewsEmpty")}</p>`
          : html`<table>
              <thead><tr><th scope="col">${t(l, "date")}</th><th scope="col">${t(l, "reviewerColumn")}</th><th scope="col">${t(l, "scoreColumn")}</th><th scope="col">${t(l, "noteColumn")}</th><th scope="col"></th></tr></thead>
              <tbody>
                ${notes.map((n) => {
                  const page = { page: "review", conversationId: n.conversationId } as const;
                  return html`<tr class="review-row">
                    <td><time datetime=${n.createdAt}>${dateTime(n.createdAt, l)}</time></td>
                    <td>${n.reviewer.name}</td>
                    <td>${t(l, "scoreOption", { score: n.score })}</td>
                    <td>${n.note}</td>
                    <td><a href=${pathOf(page)} @click=${(e: Event) => followLink(e, page)}>${t(l, "openReview")}</a></td>
                  </tr>`;
                })}
              </tbody>
            </table>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "lc-my-reviews": MyReviews;
  }
}

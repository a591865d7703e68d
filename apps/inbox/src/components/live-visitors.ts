// The "Live visitors" view: who is on the site now, as a virtualised list (only the rows in sight
// are in the DOM, so 2,000 visitors stay quick), and the chosen visitor's visit, earlier
// conversations and the invitation to chat.
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { visitorNumber, type LiveVisitor, type Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { duration, localTimeIn } from "../format.js";
import { StoreElement } from "./store-element.js";
import "./visitor-trail.js";
import "./visitor-history.js";
import "./invite-form.js";

/** Fixed row height (px, matches inbox.css) so the visible slice is plain arithmetic. */
const ROW = 64;
/** Rows rendered above and below the visible ones, so a quick scroll shows no gap. */
const OVERSCAN = 8;

export function visitorLabel(v: Pick<LiveVisitor, "id" | "name">, locale: Locale): string {
  return v.name || t(locale, "liveVisitorNumber", { number: visitorNumber(v.id) });
}

@customElement("lc-live-visitors")
export class LiveVisitors extends StoreElement {
  @property({ attribute: false }) locale: Locale = "en";
  @state() private selectedId: string | null = null;
  @state() private scrolledTo = 0;
  @state() private viewportHeight = 600;
  private resize: ResizeObserver | null = null;

  protected override firstUpdated(): void {
    const viewport = this.querySelector<HTMLElement>(".live-viewport");
    if (!viewport) return;
    this.resize = new ResizeObserver(() => (this.viewportHeight = viewport.clientHeight || 600));
    this.resize.observe(viewport);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
  }

  private openChat(conversationId: string): void {
    this.store.conversations.select(conversationId);
    this.dispatchEvent(new CustomEvent("open-chats", { bubbles: true }));
  }

  private renderRow(v: LiveVisitor, index: number) {
    const l = this.locale;
    const now = this.store.now;
    const localTime = localTimeIn(v.timeZone, now, l);
    const selected = v.id === this.selectedId;
    return html`<li class="live-row ${selected ? "selected" : ""}" style="top:${index * ROW}px" data-visitor-id=${v.id}>
      <button type="button" aria-pressed=${selected ? "true" : "false"} @click=${() => (this.selectedId = v.id)}>
        <span class="live-name">${visitorLabel(v, l)}</span>
        <span class="live-page" title=${v.pageUrl}>${v.pageTitle || v.pageUrl}</span>
        <span class="live-meta">
          ${t(l, "liveOnPageFor", { duration: duration((now - Date.parse(v.onPageSince)) / 1000) })}
          · ${v.conversationId ? t(l, "liveInChat") : v.invited ? t(l, "liveInvited") : t(l, "liveNotInChat")}
          ${v.previousConversations > 0 ? html` · ${t(l, "liveEarlierChats", { count: v.previousConversations })}` : nothing}
          ${localTime ? html` · ${t(l, "liveLocalTime", { time: localTime })}` : nothing}
          ${v.locale ? html` · ${t(l, `locale_${v.locale}`)}` : nothing}
        </span>
      </button>
    </li>`;
  }

  private renderDetails(v: LiveVisitor | undefined) {
    const l = this.locale;
    if (!v) return html`<p class="live-choose">${this.selectedId ? t(l, "liveNotOnSite") : t(l, "liveChoose")}</p>`;
    return html`<h3>${visitorLabel(v, l)}</h3>
      ${v.conversationId ? html`<button type="button" @click=${() => this.openChat(v.conversationId!)}>${t(l, "liveOpenChat")}</button>` : nothing}
      <lc-visitor-trail .visitor=${v} .locale=${l} .now=${this.store.now}></lc-visitor-trail>
      ${v.conversationId ? nothing : html`<lc-invite-form .store=${this.store} .visitor=${v} .locale=${l}></lc-invite-form>`}
      <lc-visitor-history .store=${this.store} .visitorId=${v.id} .locale=${l}></lc-visitor-history>`;
  }

  protected override render() {
    const l = this.locale;
    const live = this.store.liveVisitors;
    const all = live.all;
    const first = Math.max(0, Math.floor(this.scrolledTo / ROW) - OVERSCAN);
    const last = Math.min(all.length, Math.ceil((this.scrolledTo + this.viewportHeight) / ROW) + OVERSCAN);
    const selected = this.selectedId ? live.get(this.selectedId) : undefined;
    return html`<section class="live-list" aria-labelledby="live-heading">
        <h2 id="live-heading">${t(l, "liveHeading")}</h2>
        <p class="live-count" aria-live="polite">${t(l, "liveCount", { count: all.length })}</p>
        ${live.error && !live.loaded ? html`<p role="alert">${t(l, "liveLoadFailed")}</p>` : nothing}
        ${live.loaded && all.length === 0 ? html`<p>${t(l, "liveEmpty")}</p>` : nothing}
        <div class="live-viewport" @scroll=${(e: Event) => (this.scrolledTo = (e.target as HTMLElement).scrollTop)}>
          <ul class="live-rows" style="height:${all.length * ROW}px">
            ${all.slice(first, last).map((v, i) => this.renderRow(v, first + i))}
          </ul>
        </div>
      </section>
      <section class="live-details" aria-label=${selected ? visitorLabel(selected, l) : t(l, "liveHeading")}>${this.renderDetails(selected)}</section>`;
  }
}

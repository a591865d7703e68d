// The page a live visitor is on now and the pages before it in this visit (live visitors, and the
// visitor panel of a chat). Page addresses are links only when they are http(s).
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { LiveVisitor, Locale } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { clockTime, duration } from "../format.js";
import { LightElement } from "./light-element.js";

function pageLink(url: string, title?: string) {
  const label = title || url;
  return /^https?:\/\//i.test(url) ? html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow" title=${url}>${label}</a>` : label;
}

@customElement("lc-visitor-trail")
export class VisitorTrail extends LightElement {
  @property({ attribute: false }) visitor!: LiveVisitor;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) now = Date.now();

  protected override render() {
    const l = this.locale;
    const v = this.visitor;
    const onPage = duration((this.now - Date.parse(v.onPageSince)) / 1000);
    return html`<section class="trail" aria-labelledby="trail-${v.id}">
      <p class="current-page">${t(l, "trailCurrent", { page: v.pageTitle || v.pageUrl, duration: onPage })}</p>
      <h4 id="trail-${v.id}">${t(l, "trailHeading")}</h4>
      <ol reversed>
        ${[...v.trail].reverse().map((step) => html`<li><time datetime=${step.at}>${clockTime(step.at, l)}</time> ${pageLink(step.url, step.title)}</li>`)}
      </ol>
    </section>`;
  }
}

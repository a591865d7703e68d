// <live-chat-widget>: the launcher bubble. It stays tiny; the chat panel and the socket client load
// on first open, or at once when the visitor already has a conversation (for the unread badge).
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import type { InvitationPayload, Locale, WidgetSettings } from "@live-chat/protocol";
import { LAUNCHER_STRINGS } from "./i18n/launcher.js";
import { format, resolveLocale } from "./locale.js";
import { visuallyHidden } from "./shared-styles.js";
import { readStored, writeStored } from "./storage.js";
import { textOnAccent } from "./theme.js";
import { watchPages } from "./page-watch.js";
import type { Presence } from "./presence.js";
import "./invitation-bubble.js";

// Same as the server's default (DEFAULT_SETTINGS.widget.accentColor), so the bubble does not change colour
// when the settings arrive; not imported, to keep zod out of the launcher.
const DEFAULT_ACCENT = "#0b5fff";
// The module's own URL is the script's origin: the default chat server.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

export class LiveChatWidget extends LitElement {
  static override properties = {
    server: {},
    locale: {},
    name: {},
    email: {},
    identity: {},
    position: {},
    trackPages: { attribute: "track-pages" },
    open: { state: true },
    invitation: { state: true },
    panelReady: { state: true },
    unread: { state: true },
    settings: { state: true },
  };

  declare server: string | null;
  declare locale: string | null;
  declare name: string | null;
  declare email: string | null;
  declare identity: string | null;
  declare position: string | null;
  /** "off": the widget reports no pages (and so opens no connection before the chat). */
  declare trackPages: string | null;
  declare open: boolean;
  /** An operator's invitation, shown as a bubble until answered or dismissed. */
  declare invitation: InvitationPayload | undefined;
  /** The invitation the visitor answered: the chat that opens starts as its answer. */
  private answering: InvitationPayload | undefined;
  private presence: Promise<Presence | undefined> | undefined;
  private stopWatching: (() => void) | undefined;
  declare panelReady: boolean;
  declare unread: number;
  declare settings: WidgetSettings | undefined;
  private panelLoading: Promise<void> | undefined;

  constructor() {
    super();
    this.server = null;
    this.locale = null;
    this.name = null;
    this.email = null;
    this.identity = null;
    this.position = null;
    this.trackPages = null;
    this.open = false;
    this.panelReady = false;
    this.unread = 0;
  }

  get serverUrl(): string {
    return this.server || SCRIPT_ORIGIN;
  }

  get resolvedLocale(): Locale {
    return resolveLocale(this.locale, this.settings?.defaultLocale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.settings = readStored<WidgetSettings>(this.serverUrl, "settings");
    if (readStored<string>(this.serverUrl, "conversation")) {
      // A reload (or the next page of the site) mid-chat shows the panel as the visitor left it.
      this.open = readStored<boolean>(this.serverUrl, "open") === true;
      void this.loadPanel();
    }
    if (this.trackPages !== "off") this.stopWatching = watchPages((page) => void this.startPresence().then((p) => p?.page(page)));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    void this.presence?.then((p) => p?.close());
    this.presence = undefined;
  }

  private startPresence(): Promise<Presence | undefined> {
    this.presence ??= import("./presence.js").then(
      (m) => m.startPresence({ server: this.serverUrl, locale: this.resolvedLocale, name: this.name ?? undefined, email: this.email ?? undefined, identity: this.identity ?? undefined }, (invitation) => {
        if (!this.open) this.invitation = invitation;
      }),
      () => undefined,
    );
    return this.presence;
  }

  private answerInvitation(): void {
    this.answering = this.invitation;
    this.invitation = undefined;
    if (!this.open) this.toggle();
  }

  private dismissInvitation(): void {
    this.invitation = undefined;
    void this.presence?.then((p) => p?.dismissInvitation());
    this.renderRoot.querySelector<HTMLButtonElement>(".launcher")?.focus();
  }

  private loadPanel(): Promise<void> {
    // The panel and the visitor's language table in parallel: the panel shows only once it can speak.
    this.panelLoading ??= Promise.all([import("./panel/chat-panel.js"), import("./i18n/panel.js").then((m) => m.loadStrings(this.resolvedLocale))]).then(
      () => {
        this.panelReady = true;
      },
      () => {
        // A failed chunk load (network drop) may succeed on the next click.
        this.panelLoading = undefined;
        this.open = false;
      },
    );
    return this.panelLoading;
  }

  private toggle(): void {
    if (this.open) {
      this.open = false;
      return;
    }
    this.open = true;
    void this.loadPanel();
  }

  private closeAndFocusLauncher(): void {
    if (!this.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>(".launcher")?.focus();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === "Escape" && this.open) {
      event.preventDefault();
      this.closeAndFocusLauncher();
    }
  }

  private onSettings(event: CustomEvent<WidgetSettings>): void {
    this.settings = event.detail;
    writeStored(this.serverUrl, "settings", event.detail);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has("open")) writeStored(this.serverUrl, "open", this.open || undefined);
    const root = this.renderRoot.querySelector<HTMLElement>(".root");
    if (!root) return;
    const style = getComputedStyle(this);
    const accent = style.getPropertyValue("--live-chat-accent").trim() || this.settings?.accentColor || DEFAULT_ACCENT;
    root.style.setProperty("--lc-accent", accent);
    const launcher = this.renderRoot.querySelector<HTMLElement>(".launcher");
    if (launcher) root.style.setProperty("--lc-on-accent", textOnAccent(getComputedStyle(launcher).backgroundColor));
  }

  private get side(): "left" | "right" {
    const wanted = this.position || getComputedStyle(this).getPropertyValue("--live-chat-position").trim();
    return wanted === "left" ? "left" : "right";
  }

  protected override render() {
    const t = LAUNCHER_STRINGS[this.resolvedLocale];
    const unreadText = this.unread === 1 ? t.unreadOne : format(t.unreadMany, { count: this.unread });
    // The getter reads computed style: once per render is enough.
    const side = this.side;
    return html`<div class="root ${side} ${this.open ? "is-open" : ""}" @keydown=${this.onKeydown}>
      ${this.panelReady
        ? html`<live-chat-panel
            .server=${this.serverUrl}
            .locale=${this.resolvedLocale}
            .visitorName=${this.name ?? undefined}
            .visitorEmail=${this.email ?? undefined}
            .identity=${this.identity ?? undefined}
            .trackPages=${this.trackPages !== "off"}
            .invitation=${this.answering}
            .open=${this.open}
            .side=${side}
            ?hidden=${!this.open}
            @live-chat-close=${this.closeAndFocusLauncher}
            @live-chat-unread=${(e: CustomEvent<number>) => (this.unread = e.detail)}
            @live-chat-settings=${this.onSettings}
          ></live-chat-panel>`
        : nothing}
      ${this.invitation && !this.open
        ? html`<live-chat-invitation
            class=${side}
            .invitation=${this.invitation}
            .strings=${t}
            @live-chat-answer=${this.answerInvitation}
            @live-chat-dismiss=${this.dismissInvitation}
          ></live-chat-invitation>`
        : nothing}
      <button
        class="launcher"
        type="button"
        aria-label=${this.open ? t.closeChat : t.openChat}
        aria-expanded=${this.open ? "true" : "false"}
        aria-describedby=${this.unread > 0 && !this.open ? "unread" : nothing}
        @click=${this.toggle}
      >
        ${this.open
          ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`
          : html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" /></svg>`}
        ${this.unread > 0 && !this.open ? html`<span class="badge" id="unread" title=${unreadText}>${this.unread}<span class="sr">${unreadText}</span></span>` : nothing}
      </button>
    </div>`;
  }

  static override styles = [
    visuallyHidden,
    css`
    :host {
      all: initial;
    }
    .root {
      all: initial;
      --lc-font: var(--live-chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
      --lc-radius: var(--live-chat-radius, 16px);
      position: fixed;
      bottom: 20px;
      right: 20px;
      z-index: 2147483000;
      font-family: var(--lc-font);
    }
    .root.left {
      right: auto;
      left: 20px;
    }
    .launcher {
      position: relative;
      width: 56px;
      height: 56px;
      border: 0;
      border-radius: 50%;
      background: var(--lc-accent);
      color: var(--lc-on-accent, #fff);
      cursor: pointer;
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
      display: grid;
      place-items: center;
      transition: transform 0.15s ease;
    }
    .launcher:hover {
      transform: scale(1.05);
    }
    .launcher:focus-visible {
      outline: 3px solid var(--lc-accent);
      outline-offset: 3px;
    }
    svg {
      width: 26px;
      height: 26px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .badge {
      position: absolute;
      top: -4px;
      right: -4px;
      min-width: 20px;
      height: 20px;
      padding: 0 5px;
      box-sizing: border-box;
      border-radius: 10px;
      background: #b91c1c;
      color: #fff;
      font: 700 12px/20px var(--lc-font);
    }
    @media (max-width: 480px) {
      .is-open .launcher {
        display: none;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .launcher {
        transition: none;
      }
    }
  `,
  ];
}

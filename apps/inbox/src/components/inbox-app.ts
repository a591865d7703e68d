// The inbox shell: sign-in (or, opened from an invitation or reset link, choosing a password), the
// top bar (presence, language, admin navigation, sign-out) and either the chats or the admin area.
// The session lives in localStorage so it survives a reload.
import { html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { LOCALES, PRESENCES, pickLocale, type InvitationInfo, type Locale, type Presence, type User } from "@live-chat/protocol";
import { ApiError, logout, me, saveMyLocale, setRequestLocale } from "../api.js";
import { t, type MessageKey } from "../i18n.js";
import { InboxStore, type Attention } from "../store/index.js";
import { chime, desktopNotification, prepareAttention } from "../notify.js";
import { StoreController } from "../store-controller.js";
import { LightElement } from "./light-element.js";
import "./sign-in.js";
import "./invitation.js";
import "./chat-list.js";
import "./conversation-view.js";
import "./mail-alerts.js";
import "./name-prompt.js";
import "./live-visitors.js";
import { ADMIN_SECTIONS, adminSectionsFor, type AdminSection } from "../admin/admin-area.js";
import { coachingPageFromPath, pathOf, type CoachingPage } from "../coaching/pages.js";
import "../coaching/coaching-area.js";

const TOKEN_KEY = "live-chat.inbox.token";
const LOCALE_KEY = "live-chat.inbox.locale";
/** Set while a language chosen here has not reached the account yet (offline); sent on the next start. */
const LOCALE_UNSAVED_KEY = "live-chat.inbox.locale-unsaved";

const SECTION_LABEL: Record<AdminSection, MessageKey> = {
  "canned-replies": "navCannedReplies",
  users: "navUsers",
  settings: "navSettings",
  reports: "navReports",
  history: "navHistory",
  "contact-reasons": "navContactReasons",
  privacy: "navPrivacy",
};

type View = { kind: "chats" } | { kind: "visitors" } | { kind: "admin"; section: AdminSection } | { kind: "coaching"; page: CoachingPage };

function viewFromPath(path: string, search = ""): View {
  if (/^\/inbox\/visitors\/?$/.test(path)) return { kind: "visitors" };
  const coaching = coachingPageFromPath(path, search);
  if (coaching) return { kind: "coaching", page: coaching };
  const match = /^\/inbox\/admin\/([a-z-]+)/.exec(path);
  const section = ADMIN_SECTIONS.find((s) => s === match?.[1]);
  return section ? { kind: "admin", section } : { kind: "chats" };
}

/** The language last chosen in this browser, if any. */
function savedLocale(): Locale | null {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === "nl" || saved === "en" ? saved : null;
}

/** The token of an invitation or reset link: /inbox/#invite=TOKEN. */
function inviteFromHash(): string | null {
  const match = /^#invite=([\w-]+)$/.exec(location.hash);
  return match ? match[1] : null;
}

function initialLocale(): Locale {
  return savedLocale() ?? pickLocale(navigator.language);
}

@customElement("lc-inbox")
export class InboxApp extends LightElement {
  @state() private locale: Locale = initialLocale();
  @state() private store: InboxStore | null = null;
  /** Set while the page shows an invitation or reset link; the stored session waits until it is left. */
  @state() private inviteToken: string | null = inviteFromHash();
  @state() private restoring = !this.inviteToken && Boolean(localStorage.getItem(TOKEN_KEY));
  @state() private notice = "";
  /** The sign-in opens on "Forgot password?" (a used or expired reset link asked for a new one). */
  @state() private forgot = false;
  @state() private view: View = viewFromPath(location.pathname, location.search);
  private readonly storeController = new StoreController(this);
  /** Language changes reach the account one after another, so the last choice is the one kept. */
  private localeSaves: Promise<unknown> = Promise.resolve();
  /** Whether the language was picked on the invitation page; if not, the invitation's language is used. */
  private localePickedForInvitation = false;

  override connectedCallback(): void {
    super.connectedCallback();
    setRequestLocale(this.locale);
    window.addEventListener("popstate", this.onPopState);
    window.addEventListener("hashchange", this.onHashChange);
    document.addEventListener("visibilitychange", this.onVisibility);
    if (!this.inviteToken) void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("popstate", this.onPopState);
    window.removeEventListener("hashchange", this.onHashChange);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.store?.disconnect();
  }

  private async restore(): Promise<void> {
    const token = localStorage.getItem(TOKEN_KEY);
    if (!token) return;
    try {
      this.start(token, await me(token), false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) localStorage.removeItem(TOKEN_KEY);
      else this.notice = t(this.locale, "connectionLost");
    } finally {
      this.restoring = false;
    }
  }

  /**
   * The account's language is the operator's language: a returning session takes it. Signing in
   * takes the language this page showed, if it was chosen here, and stores it on the account; so
   * does a start after a choice that never reached the server. After choosing a password with a
   * link, the language picked on that page wins, else the account's (which that page showed).
   */
  private start(token: string, user: User, chosenNow: boolean, pageLocaleChosen = chosenNow): void {
    const saved = savedLocale();
    // A choice that never reached the account belongs to a returning session, not to someone who just chose a password.
    const keepSaved = saved !== null && (pageLocaleChosen || (!chosenNow && localStorage.getItem(LOCALE_UNSAVED_KEY) !== null));
    if (keepSaved) this.locale = saved;
    else if (user.locale) this.locale = user.locale;
    if (chosenNow) localStorage.setItem(TOKEN_KEY, token);
    const store = new InboxStore(token, user, this.locale);
    if (this.locale !== user.locale) this.saveLocale(store, this.locale);
    else localStorage.removeItem(LOCALE_UNSAVED_KEY);
    if (saved !== null) localStorage.setItem(LOCALE_KEY, this.locale);
    setRequestLocale(this.locale);
    store.addEventListener("session-ended", () => void this.end(t(this.locale, "sessionExpired"), false));
    store.addEventListener("attention", (e) => this.attend((e as CustomEvent<Attention>).detail));
    store.connect();
    this.storeController.bind(store);
    this.store = store;
    this.notice = "";
    if (this.view.kind === "admin" && !adminSectionsFor(user.role).includes(this.view.section)) this.navigate({ kind: "chats" });
  }

  private async end(notice: string, callServer: boolean): Promise<void> {
    const store = this.store;
    if (!store) return;
    store.disconnect();
    this.storeController.bind(null);
    this.store = null;
    localStorage.removeItem(TOKEN_KEY);
    this.notice = notice;
    document.title = t(this.locale, "appTitle");
    if (callServer) await logout(store.token).catch(() => undefined);
  }

  private attend(a: Attention): void {
    if (!document.hidden) return;
    const name = a.conversation.visitor.name || t(this.locale, "visitorFallbackName");
    chime();
    const title = a.kind === "new-chat" ? t(this.locale, "notifyNewChat", { name }) : t(this.locale, "notifyNewMessage", { name });
    desktopNotification(title, a.message?.body ?? a.conversation.lastMessage?.body ?? "", a.conversation.id, () => {
      this.navigate({ kind: "chats" });
      this.store?.conversations.select(a.conversation.id);
    });
  }

  private readonly onPopState = () => {
    this.view = viewFromPath(location.pathname, location.search);
  };

  /** A link pasted into an open inbox: the session here steps aside (kept stored) for the link's page. */
  private readonly onHashChange = () => {
    const token = inviteFromHash();
    if (!token || token === this.inviteToken) return;
    if (this.store) {
      this.store.disconnect();
      this.storeController.bind(null);
      this.store = null;
    }
    this.localePickedForInvitation = false;
    this.inviteToken = token;
  };

  /** Who the link is for: the page speaks their language, unless a language was picked here. */
  private onInvitationLoaded(info: InvitationInfo): void {
    if (!this.localePickedForInvitation) this.locale = info.locale;
  }

  /** The password is chosen: the link is used up, the user is signed in, the token leaves the address bar. */
  private onInvitationAccepted(session: { token: string; user: User }): void {
    const previous = localStorage.getItem(TOKEN_KEY);
    if (previous && previous !== session.token) void logout(previous).catch(() => undefined);
    history.replaceState(history.state, "", location.pathname + location.search);
    this.inviteToken = null;
    prepareAttention();
    this.start(session.token, session.user, true, this.localePickedForInvitation);
    this.localePickedForInvitation = false;
  }

  /** To the normal sign-in (or back into the session stored here). */
  private leaveInvitation(): void {
    history.replaceState(history.state, "", location.pathname + location.search);
    this.inviteToken = null;
    this.localePickedForInvitation = false;
    this.restoring = Boolean(localStorage.getItem(TOKEN_KEY));
    void this.restore();
  }

  private readonly onVisibility = () => {
    if (!document.hidden) this.store?.conversations.markSeen();
  };

  private navigate(view: View): void {
    this.view = view;
    const path = view.kind === "admin" ? `/inbox/admin/${view.section}` : view.kind === "coaching" ? pathOf(view.page) : view.kind === "visitors" ? "/inbox/visitors" : "/inbox";
    if (location.pathname + location.search !== path) history.pushState(null, "", path);
  }

  /** Re-renders every text in place (forms and drafts keep what was typed) and stores the choice on the account. */
  private setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    if (this.inviteToken) this.localePickedForInvitation = true;
    this.locale = locale;
    setRequestLocale(locale);
    localStorage.setItem(LOCALE_KEY, locale);
    if (this.store) {
      this.store.locale = locale;
      this.saveLocale(this.store, locale);
    }
  }

  private saveLocale(store: InboxStore, locale: Locale): void {
    localStorage.setItem(LOCALE_UNSAVED_KEY, locale);
    this.localeSaves = this.localeSaves.then(async () => {
      try {
        const user = await saveMyLocale(store.token, locale);
        store.connection.accountLocale = user.locale ?? locale;
        if (localStorage.getItem(LOCALE_UNSAVED_KEY) === locale) localStorage.removeItem(LOCALE_UNSAVED_KEY);
      } catch {
        // Kept in LOCALE_UNSAVED_KEY: the next start sends it again.
      }
    });
  }

  /** Every request names the language before anything renders in it. */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("locale")) setRequestLocale(this.locale);
  }

  protected override updated(): void {
    document.documentElement.lang = this.locale;
    const count = this.store?.conversations.unreadTotal ?? 0;
    document.title = count > 0 ? t(this.locale, "titleWithCount", { count }) : t(this.locale, "appTitle");
  }

  private renderLanguage() {
    return html`
      <label class="inline-field">
        <span>${t(this.locale, "language")}</span>
        <select .value=${live(this.locale)} @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}>
          ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === this.locale}>${l === "nl" ? "Nederlands" : "English"}</option>`)}
        </select>
      </label>
    `;
  }

  protected override render() {
    const l = this.locale;
    if (this.inviteToken) {
      return html`
        <div class="sign-in-language">${this.renderLanguage()}</div>
        <lc-invitation
          .token=${this.inviteToken}
          .locale=${l}
          @invitation-loaded=${(e: CustomEvent<InvitationInfo>) => this.onInvitationLoaded(e.detail)}
          @invitation-accepted=${(e: CustomEvent<{ token: string; user: User }>) => this.onInvitationAccepted(e.detail)}
          @invitation-left=${() => this.leaveInvitation()}
          @invitation-new-link=${() => {
            this.forgot = true;
            this.leaveInvitation();
          }}
        ></lc-invitation>
      `;
    }
    if (this.restoring) return html`<p class="loading">${t(l, "loading")}</p>`;
    const store = this.store;
    if (!store) {
      return html`
        <div class="sign-in-language">${this.renderLanguage()}</div>
        <lc-sign-in
          .locale=${l}
          .notice=${this.notice}
          .forgot=${this.forgot}
          @signed-in=${(e: CustomEvent<{ token: string; user: User }>) => {
            prepareAttention();
            this.start(e.detail.token, e.detail.user, true);
          }}
        ></lc-sign-in>
      `;
    }
    const sections = adminSectionsFor(store.user.role);
    const view = this.view.kind !== "admin" || sections.includes(this.view.section) ? this.view : ({ kind: "chats" } as const);
    const coachingLink = (label: MessageKey, page: CoachingPage) =>
      html`<a href=${pathOf(page)} aria-current=${view.kind === "coaching" && view.page.page === page.page ? "page" : "false"} @click=${(e: Event) => this.follow(e, { kind: "coaching", page })}>${t(l, label)}</a>`;
    return html`
      <header class="topbar">
        <span class="brand">${t(l, "appTitle")}</span>
        <nav aria-label=${t(l, "mainNav")}>
          <a href="/inbox" aria-current=${view.kind === "chats" ? "page" : "false"} @click=${(e: Event) => this.follow(e, { kind: "chats" })}>${t(l, "navChats")}</a>
          <a href="/inbox/visitors" aria-current=${view.kind === "visitors" ? "page" : "false"} @click=${(e: Event) => this.follow(e, { kind: "visitors" })}>${t(l, "navLiveVisitors")}</a>
          ${coachingLink("navPastChats", { page: "past-chats" })} ${coachingLink("navMyReviews", { page: "my-reviews" })}
          ${sections.map(
                (section) => html`<a
                  href="/inbox/admin/${section}"
                  aria-current=${view.kind === "admin" && view.section === section ? "page" : "false"}
                  @click=${(e: Event) => this.follow(e, { kind: "admin", section })}
                  >${t(l, SECTION_LABEL[section])}</a
                >`,
              )}
        </nav>
        <span class="spacer"></span>
        <label class="inline-field presence presence-${store.connection.presence}">
          <span>${t(l, "status")}</span>
          <select .value=${live(store.connection.presence)} @change=${(e: Event) => void store.connection.setPresence((e.target as HTMLSelectElement).value as Presence)}>
            ${PRESENCES.map((p) => html`<option value=${p} ?selected=${p === store.connection.presence}>${t(l, `presence_${p}`)}</option>`)}
          </select>
        </label>
        ${this.renderLanguage()}
        <lc-mail-alerts .token=${store.token} .locale=${l}></lc-mail-alerts>
        <span class="who">${t(l, "signedInAs", { name: store.user.name })}</span>
        <button type="button" @click=${() => void this.end("", true)}>${t(l, "signOut")}</button>
      </header>
      ${store.connection.outdated
        ? html`<p class="banner" role="alert">${t(l, "inboxOutdated")} <button type="button" @click=${() => location.reload()}>${t(l, "reloadPage")}</button></p>`
        : !store.connection.lost
          ? null
          : html`<p class="banner" role="status">${t(l, "connectionLost")}</p>`}
      ${store.user.needsName
        ? html`<lc-name-prompt .user=${store.user} .token=${store.token} .locale=${l} @name-chosen=${(e: CustomEvent<User>) => this.onNameChosen(e.detail)}></lc-name-prompt>`
        : null}
      ${view.kind === "visitors"
        ? html`<main class="live"><lc-live-visitors .store=${store} .locale=${l} @open-chats=${() => this.navigate({ kind: "chats" })}></lc-live-visitors></main>`
        : view.kind === "admin"
        ? html`<main class="admin" @coaching-navigate=${this.onCoachingNavigate}><lc-admin-area .token=${store.token} .locale=${l} .user=${store.user} .section=${view.section}></lc-admin-area></main>`
        : view.kind === "coaching"
          ? html`<main class="admin" @coaching-navigate=${this.onCoachingNavigate}><lc-coaching-area .token=${store.token} .locale=${l} .user=${store.user} .page=${view.page}></lc-coaching-area></main>`
          : html`<main class="chats">
            <lc-chat-list .store=${store} .locale=${l}></lc-chat-list>
            <lc-conversation-view .store=${store} .locale=${l}></lc-conversation-view>
          </main>`}
    `;
  }

  /** A link in the coaching screens or in Reports (to past chats with one reason). */
  private readonly onCoachingNavigate = (e: CustomEvent<CoachingPage>) => this.navigate({ kind: "coaching", page: e.detail });

  /** The account's one user object takes the new name, so greetings and placeholders use it from now on. */
  private onNameChosen(saved: User): void {
    const store = this.store;
    if (!store) return;
    store.user.name = saved.name;
    store.user.needsName = undefined;
    this.requestUpdate();
  }

  private follow(event: Event, view: View): void {
    event.preventDefault();
    this.navigate(view);
  }
}

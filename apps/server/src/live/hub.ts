// The live-visitor list of the whole cluster: this node's visitors (LiveVisitors) plus what the
// other nodes answer, batched deltas every LIVE_BATCH_MS, the gone-visitor sweep, invitations by
// hand and by the admin's automatic rule. It announces through the interface the transport gives it.
import { LIVE_BATCH_MS, pageMatches, type InvitationPayload, type LiveVisitor, type LiveVisitorsDelta, type Locale, type Settings } from "@live-chat/protocol";
import type { BackgroundWork } from "../background.js";
import type { Db } from "../store/db.js";
import { OPEN_STATUSES } from "../conversation/service.js";
import { AppError } from "../errors.js";
import { LiveVisitors, type VisitSnapshot, type VisitorProfile } from "./visitors.js";

/** A conversation that is over for the visitor: closed, or left (it may still wait for its operator's wrap-up). */
const OVER = { OR: [{ status: "closed" }, { visitorLeft: true }] };

/** Visitor ids per query when the list is enriched from the database. */
const ID_SLICE = 500;

export type InviteOutcome = "ok" | "gone" | "dismissed";
export type Inviter = { operatorId: string; name: string };

/** What the hub needs from the transport: tell sockets, and ask the other nodes of the cluster. */
export interface LiveAnnouncer {
  liveVisitors(delta: LiveVisitorsDelta): void;
  invitation(visitorId: string, invitation: InvitationPayload): void;
  visitorConnected(visitorId: string): Promise<boolean>;
}

/** The other nodes' answers (an empty list when this node runs alone). */
export interface LivePeers {
  list(): Promise<LiveVisitor[][]>;
  handOver(visitorId: string): Promise<Array<VisitSnapshot | undefined>>;
  invite(visitorId: string, by: Inviter): Promise<InviteOutcome[]>;
  inviter(visitorId: string): Promise<Array<Inviter | undefined>>;
  dismissed(visitorId: string): void;
}

/** The live parts a peer asks this node about. */
export type LiveLocal = Pick<LiveVisitors, "list" | "handOver" | "invite" | "inviter" | "dismissInvitation">;

interface HubDeps {
  db: Db;
  work: BackgroundWork;
  settings: { get(): Promise<Settings> };
  announce: LiveAnnouncer;
  routing: { isOpen(): Promise<boolean>; firstWithRoom(): Promise<{ id: string; name: string } | null> };
}

export class LiveVisitorHub {
  readonly local = new LiveVisitors();
  private peers: LivePeers = { list: async () => [], handOver: async () => [], invite: async () => [], inviter: async () => [], dismissed: () => undefined };
  private peersConnected = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: HubDeps) {}

  /** With REDIS_URL: how to reach the other nodes. */
  connectPeers(peers: LivePeers): void {
    this.peers = peers;
    this.peersConnected = true;
  }

  start(): void {
    this.timers.push(setInterval(() => this.flush(), LIVE_BATCH_MS));
    this.timers.push(setInterval(() => this.deps.work.run("live visitors sweep", () => this.sweep()), 1000));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Sends what changed since the last batch, if anything did. */
  flush(): void {
    const delta = this.local.takeDelta();
    if (delta) this.deps.announce.liveVisitors(delta);
  }

  /**
   * A visitor's socket connected here: the visit starts or goes on at once (the first page report
   * follows immediately); their name and earlier chats are filled in when the database answers,
   * and another node may hold the earlier pages of this visit.
   */
  visitorConnected(visitorId: string, profile: Pick<VisitorProfile, "locale" | "timeZone" | "conversationId">, stored = true): void {
    const known = this.local.has(visitorId);
    this.local.connected(visitorId, profile);
    // A visitor whose row is not written yet has no name and no earlier chats: only the other nodes may know more.
    if (!stored && !this.peersConnected) return;
    this.deps.work.run("live visitor profile", async () => {
      if (stored) {
        const [row, previousConversations] = await Promise.all([
          this.deps.db.visitor.findUnique({ where: { id: visitorId }, select: { name: true } }),
          this.deps.db.conversation.count({ where: { visitorId, ...OVER } }),
        ]);
        this.local.update(visitorId, { name: row?.name ?? undefined, previousConversations });
      }
      if (known) return;
      for (const snapshot of await this.peers.handOver(visitorId)) if (snapshot) this.local.takeOver(snapshot);
    });
  }

  visitorDisconnected(visitorId: string): void {
    this.local.disconnected(visitorId);
  }

  page(visitorId: string, url: string, title?: string): void {
    this.local.page(visitorId, url, title);
  }

  conversationChanged(visitorId: string, conversationId: string | undefined): void {
    this.local.setConversation(visitorId, conversationId);
  }

  /** Everyone on the site now, across the cluster, with chat facts read from the database. */
  async list(): Promise<LiveVisitor[]> {
    const byId = new Map<string, LiveVisitor>();
    for (const visitor of [...this.local.list(), ...(await this.peers.list()).flat()]) {
      const seen = byId.get(visitor.id);
      // The same visitor on two nodes (two tabs): the page seen last wins.
      if (!seen || seen.onPageSince < visitor.onPageSince) byId.set(visitor.id, visitor);
    }
    const ids = [...byId.keys()];
    if (ids.length === 0) return [];
    // In slices: SQLite takes a limited number of bound values per statement.
    const open: Array<{ id: string; visitorId: string }> = [];
    const closed: Array<{ visitorId: string; _count: { _all: number } }> = [];
    for (let i = 0; i < ids.length; i += ID_SLICE) {
      const slice = ids.slice(i, i + ID_SLICE);
      const [o, c] = await Promise.all([
        this.deps.db.conversation.findMany({ where: { visitorId: { in: slice }, status: { in: OPEN_STATUSES }, visitorLeft: false }, select: { id: true, visitorId: true } }),
        this.deps.db.conversation.groupBy({ by: ["visitorId"], where: { visitorId: { in: slice }, ...OVER }, _count: { _all: true } }),
      ]);
      open.push(...o);
      closed.push(...c);
    }
    const openOf = new Map(open.map((c) => [c.visitorId, c.id]));
    const closedOf = new Map(closed.map((c) => [c.visitorId, c._count._all]));
    return [...byId.values()].map((v) => {
      const { conversationId: _stale, ...rest } = v;
      const conversationId = openOf.get(v.id);
      return { ...rest, ...(conversationId ? { conversationId } : {}), previousConversations: closedOf.get(v.id) ?? 0 };
    });
  }

  /** An operator invites a visitor who is on the site and not in a chat; refused with the reason otherwise. */
  async invite(visitorId: string, by: Inviter, body: string): Promise<void> {
    const open = await this.deps.db.conversation.count({ where: { visitorId, status: { in: OPEN_STATUSES }, visitorLeft: false } });
    if (open > 0) throw new AppError("VISITOR_IN_CHAT");
    const outcomes = [this.local.invite(visitorId, by), ...(await this.peers.invite(visitorId, by))];
    if (outcomes.includes("dismissed")) throw new AppError("INVITATION_DISMISSED");
    if (!outcomes.includes("ok")) throw new AppError("VISITOR_NOT_ONLINE");
    this.deps.announce.invitation(visitorId, { body, operator: { name: by.name } });
  }

  dismissInvitation(visitorId: string): void {
    this.local.dismissInvitation(visitorId);
    this.peers.dismissed(visitorId);
  }

  /** Who invited the visitor, if their invitation is open: their answer is offered to that operator first. */
  async inviter(visitorId: string): Promise<Inviter | undefined> {
    return this.local.inviter(visitorId) ?? (await this.peers.inviter(visitorId)).find((i) => i !== undefined);
  }

  /** Drops visitors gone longer than the grace period, and runs the automatic invitation rule. */
  async sweep(): Promise<void> {
    const settings = await this.deps.settings.get();
    for (const id of this.local.expire(settings.visitorGraceMs)) this.local.drop(id, !(await this.deps.announce.visitorConnected(id)));
    await this.autoInvite(settings);
  }

  private async autoInvite(settings: Settings): Promise<void> {
    const rule = settings.autoInvite;
    if (!rule.enabled || this.local.size === 0 || !(await this.deps.routing.isOpen())) return;
    const operator = await this.deps.routing.firstWithRoom();
    if (!operator) return;
    for (const visitorId of this.local.dueForAutoInvite(rule.afterSeconds * 1000, (url) => pageMatches(rule.pagePattern, url))) {
      if (this.local.invite(visitorId, { operatorId: operator.id, name: operator.name }) !== "ok") continue;
      const locale: Locale = this.local.localeOf(visitorId) ?? settings.widget.defaultLocale;
      this.deps.announce.invitation(visitorId, { body: rule.body[locale], operator: { name: operator.name } });
    }
  }
}

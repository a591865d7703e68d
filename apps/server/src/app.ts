// Wires the server: migrations, database, settings, HTTP routes, Socket.IO namespaces, static apps.
import { createServer, type IncomingMessage } from "node:http";
import { join } from "node:path";
import express, { type Request, type Response, type NextFunction } from "express";
import { Server } from "socket.io";
import type { Config } from "./config.js";
import type { Context, OperatorNamespace, VisitorNamespace } from "./context.js";
import { createLogger, type Logger } from "./log.js";
import { openDatabase } from "./store/open.js";
import { seedCannedReplies } from "./store/seed.js";
import { applyMigrations } from "./store/migrate.js";
import { SettingsStore } from "./store/settings.js";
import { TokenService } from "./auth/tokens.js";
import { AuthService } from "./auth/service.js";
import { ConversationService } from "./conversation/service.js";
import { RoutingService } from "./routing/service.js";
import { OfflineService } from "./routing/offline.js";
import { setUpVisitorNamespace } from "./realtime/visitor.js";
import { setUpOperatorNamespace } from "./realtime/operator.js";
import { Broadcast } from "./realtime/broadcast.js";
import { errorHandler, notFound, refuseNulInUrl } from "./http/middleware.js";
import { authRoutes } from "./http/routes/auth.js";
import { userRoutes } from "./http/routes/users.js";
import { cannedReplyRoutes } from "./http/routes/canned-replies.js";
import { conversationRoutes } from "./http/routes/conversations.js";
import { adminRoutes } from "./http/routes/admin.js";
import { SOCKET_FRAME_LIMIT_BYTES, createSocketLimits, type TrustFn } from "./realtime/limits.js";
import { attachRedisAdapter, reconcileConnections } from "./realtime/cluster.js";
import { BackgroundWork } from "./background.js";
import { InvitationService } from "./auth/invitations.js";
import { FollowUpService } from "./conversation/follow-ups.js";
import { followUpRoutes } from "./http/routes/follow-ups.js";
import { coachingRoutes } from "./http/routes/coaching.js";
import { startMail, type MailChannel } from "./mail/index.js";
import { mailRoutes } from "./http/routes/mail.js";
import { FileService } from "./files/service.js";
import { fileRoutes } from "./http/routes/files.js";
import { compressedStatic } from "./http/compressed-static.js";
import { VisitorIdentities } from "./auth/visitors.js";
import { DEMO_CSP, INBOX_CSP, pagePolicy, sameOriginForCookies, securityHeaders } from "./http/security.js";
import { visitorRoutes } from "./http/routes/visitors.js";
import { LiveVisitorHub } from "./live/hub.js";
import { connectLivePeers } from "./realtime/live-peers.js";
import { PrivacyService } from "./privacy/service.js";
import { RetentionJob } from "./privacy/retention.js";
import { privacyRoutes } from "./http/routes/privacy.js";

export interface RunningServer {
  url: string;
  port: number;
  ctx: Context;
  services: { auth: AuthService; conversations: ConversationService; routing: RoutingService; offline: OfflineService; mail: MailChannel; privacy: PrivacyService; retention: RetentionJob };
  close: () => Promise<void>;
}

/** Whether a browser at `origin` may use the API and sockets (same-origin always may). */
export function originAllowed(config: Config, origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !config.allowedOrigins) return true;
  const normalized = origin.replace(/\/$/, "");
  if (host && (normalized === `http://${host}` || normalized === `https://${host}`)) return true;
  return config.allowedOrigins.includes(normalized);
}

function staticApps(app: express.Express, config: Config): void {
  const widgetDist = join(config.rootDir, "apps/widget/dist");
  const inboxDist = join(config.rootDir, "apps/inbox/dist");
  app.get("/demo", pagePolicy(DEMO_CSP), (_req, res) => res.sendFile(join(widgetDist, "demo.html"), { headers: { "cache-control": "no-cache" } }));
  const widgetCaching = (path: string) => ({ "cache-control": path.endsWith("widget.js") ? "public, max-age=300" : "public, max-age=86400" });
  app.use(compressedStatic(widgetDist, widgetCaching));
  // Browsers ask for /favicon.ico on pages that name no icon (a JSON response opened in a tab): the same icon.
  app.get("/favicon.ico", (_req, res) => res.sendFile(join(widgetDist, "favicon.svg"), { headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" } }));
  app.use(
    express.static(widgetDist, {
      index: false,
      setHeaders: (res, path) => {
        for (const [name, value] of Object.entries(widgetCaching(path))) res.setHeader(name, value);
      },
    }),
  );
  // The inbox holds customers' data: it runs only its own code, and no other site may frame it.
  app.use("/inbox", pagePolicy(INBOX_CSP), (_req, res, next) => {
    res.setHeader("x-frame-options", "DENY");
    next();
  });
  app.use("/inbox", express.static(inboxDist, { index: "index.html" }));
  app.get(/^\/inbox(\/.*)?$/, (_req, res) => res.sendFile(join(inboxDist, "index.html")));
  app.get("/", (_req, res) => res.redirect("/inbox"));
}

/** How long shutdown lets busy HTTP connections finish before it cuts them. */
const CLOSE_CONNECTIONS_AFTER_MS = 3000;

export async function startServer(config: Config, opts: { log?: Logger } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  const migrated = await applyMigrations({ databaseUrl: config.databaseUrl, prismaDir: join(config.rootDir, "prisma"), log: (msg: string, data?: object) => log.info(data ?? {}, msg) });
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, "migrations applied");
  const database = await openDatabase(config.databaseUrl, (message) => log.warn({ message }, "background checkpoint failed"));
  const { db, provider, messages } = database;
  const settings = new SettingsStore(db, config.visitorGraceMs !== undefined ? { visitorGraceMs: config.visitorGraceMs } : {});
  const tokens = new TokenService(await settings.sessionSecret(config.sessionSecret));

  const app = express();
  app.disable("x-powered-by");
  // Forwarded headers are believed only from the proxies TRUST_PROXY names; unset trusts nobody.
  app.set("trust proxy", config.trustProxy);
  const httpServer = createServer(app);
  const io = new Server(httpServer, {
    maxHttpBufferSize: SOCKET_FRAME_LIMIT_BYTES,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    cors: { origin: (origin, cb) => cb(null, originAllowed(config, origin, undefined) ? origin ?? true : false), credentials: true },
    allowRequest: (req: IncomingMessage, cb) => cb(null, originAllowed(config, req.headers.origin, req.headers.host)),
  });
  const work = new BackgroundWork(log);
  const clustered = Boolean(config.redisUrl);
  // Only this node's sockets (ns.sockets is local), never the whole cluster's. The transports are cut
  // rather than the sockets disconnected: a server-side disconnect tells socket.io clients to stay away
  // for good, a lost transport makes them reconnect (to the next process) and read what they missed.
  const sendClientsToReconnect = () => {
    for (const ns of [ctx.visitors, ctx.operators]) for (const socket of ns.sockets.values()) socket.conn.close();
  };
  // After a cut of the cluster's pub/sub, this node's clients catch up from the database.
  const cluster = config.redisUrl ? await attachRedisAdapter(io, config.redisUrl, config.redisKeyPrefix, log, config.clusterAdapter, sendClientsToReconnect, config.clusterBatchMs) : undefined;

  const ctx: Context = {
    config,
    db,
    provider,
    messages,
    settings,
    tokens,
    log,
    io,
    operators: io.of("/operator") as OperatorNamespace,
    visitors: io.of("/visitor") as VisitorNamespace,
    work,
    clustered,
    files: await FileService.open({ config, db, settings, tokens, log, clustered }),
  };
  const broadcast = new Broadcast(ctx.operators, ctx.visitors);
  const auth = new AuthService(ctx);
  const conversations = new ConversationService(ctx);
  const routing = new RoutingService(ctx, conversations, broadcast, { localFirst: clustered && config.clusterRouting === "local-first" });
  const offline = new OfflineService(ctx);
  const live = new LiveVisitorHub({ db, work, settings, announce: broadcast, routing });
  if (clustered) live.connectPeers(connectLivePeers(ctx.visitors, live.local, log));
  const privacy = new PrivacyService(ctx);
  const retention = new RetentionJob(ctx, privacy, config.retentionIntervalMs);

  await auth.ensureAdmin();
  await seedCannedReplies(db, config.rootDir, log);
  if (!clustered) {
    // A fresh single process holds no sockets: everyone counts as disconnected since now.
    const now = new Date();
    await db.conversation.updateMany({ where: { status: { in: ["queued", "active", "wrapping_up"] }, visitorConnected: true }, data: { visitorConnected: false, visitorDisconnectedAt: now } });
    await db.user.updateMany({ where: { disconnectedAt: null }, data: { disconnectedAt: now } });
  }

  app.use(securityHeaders());
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && !originAllowed(config, origin, req.headers.host)) {
      res.status(403).json({ error: { code: "FORBIDDEN", message: "This site may not use the chat server." } });
      return;
    }
    if (origin) {
      res.setHeader("access-control-allow-origin", config.allowedOrigins ? origin : "*");
      res.setHeader("vary", "origin");
    }
    next();
  });
  app.use(sameOriginForCookies);
  app.use(refuseNulInUrl);
  app.use(express.json({ limit: "256kb" }));
  app.get("/healthz", async (_req, res) => {
    try {
      await db.$queryRawUnsafe("SELECT 1");
      res.json({ ok: true });
    } catch {
      res.status(503).json({ error: { code: "INTERNAL", message: "database unreachable" } });
    }
  });
  const invitations = new InvitationService(ctx, auth);
  const mail = await startMail(ctx, { conversations, invitations, announce: broadcast });
  app.use(authRoutes(auth, invitations));
  app.use(mailRoutes(auth, mail, config.mail));
  app.use(userRoutes(ctx, auth, routing, invitations, mail.service));
  app.use(cannedReplyRoutes(ctx, auth, broadcast));
  app.use(conversationRoutes(ctx, auth, conversations, offline, broadcast));
  app.use(adminRoutes(ctx, auth, routing, broadcast));
  app.use(followUpRoutes(auth, new FollowUpService(ctx, conversations), broadcast));
  app.use(coachingRoutes(ctx, auth));
  const visitorIdentities = new VisitorIdentities(db, ctx.tokens);
  app.use(fileRoutes(ctx, auth, ctx.files, broadcast, visitorIdentities));
  app.use(visitorRoutes(ctx, auth, live));
  app.use(privacyRoutes(ctx, auth, privacy, broadcast));
  app.use("/api", notFound);
  staticApps(app, config);
  app.use(notFound);
  app.use(errorHandler(log));

  const socketLimits = await createSocketLimits(config, app.get("trust proxy fn") as TrustFn, log);
  setUpVisitorNamespace(ctx, ctx.visitors, broadcast, conversations, routing, offline, mail.service, socketLimits.limits, visitorIdentities, live);
  setUpOperatorNamespace(ctx, ctx.operators, broadcast, auth, conversations, routing, mail.service, socketLimits.limits, live);
  live.start();

  const initial = await settings.get();
  const visitorSweep = setInterval(() => {
    work.run("visitor sweep", async () => {
      const { visitorGraceMs, abandonedCloseSeconds } = await settings.get();
      broadcast.conversations(await conversations.sweepDepartedVisitors(visitorGraceMs, (visitorId) => broadcast.visitorConnected(visitorId)));
      broadcast.conversations(await conversations.closeAbandoned(abandonedCloseSeconds));
    });
  }, Math.min(1000, Math.max(100, Math.floor(initial.visitorGraceMs / 4))));
  const operatorSweep = setInterval(() => {
    work.run("operator sweep", async () => {
      await routing.sweepDisconnectedOperators((await settings.get()).operatorGraceMs);
      routing.refreshQueueIfStale();
    });
  }, Math.min(5000, Math.max(200, Math.floor(initial.operatorGraceMs / 4))));
  // Uploads nobody sent go after FILES_UNSENT_MAX_AGE_MS, and files whose chat was deleted; looked for a
  // few times within that age, at most hourly.
  const unsentFilesSweep = setInterval(
    () => work.run("files sweep", async () => {
      const unsent = await ctx.files.sweepUnsent();
      const ofDeletedChats = await ctx.files.sweepDeletedConversations();
      if (unsent + ofDeletedChats > 0) log.info({ unsent, ofDeletedChats }, "removed files nothing refers to");
    }),
    Math.max(1000, Math.min(3_600_000, Math.floor(config.unsentFileMaxAgeMs / 4))),
  );
  const clusterReconcile = clustered
    ? setInterval(() => work.run("cluster reconcile", () => reconcileConnections(ctx, broadcast, conversations)), config.clusterReconcileMs)
    : undefined;
  // Every node runs the timer; the lease lets one of them do the work per interval.
  const retentionTimer = setInterval(() => work.run("retention", () => retention.run()), config.retentionIntervalMs);
  routing.requestDrain();

  // A node serves once Redis has its namespaces' subscriptions: what another node broadcasts from then on reaches it.
  await cluster?.subscribed();
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url, provider }, "listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    ctx,
    services: { auth, conversations, routing, offline, mail, privacy, retention },
    // Idempotent: a second SIGTERM, or a test closing a node it already closed, waits for the first.
    close: () => (closing ??= shutDown()),
  };

  async function shutDown(): Promise<void> {
    clearInterval(visitorSweep);
    clearInterval(operatorSweep);
    clearInterval(unsentFilesSweep);
    clearInterval(clusterReconcile);
    live.stop();
    clearInterval(retentionTimer);
    await mail.stop();
    // Disconnect bookkeeping and acks in flight finish while the cluster adapter can still answer,
    // then whatever closing the sockets started, and only then do the cluster and database go.
    log.info({ inFlight: work.inFlight }, "shutting down: disconnecting sockets");
    sendClientsToReconnect();
    await work.settle();
    // Closing waits for every HTTP connection to end; one a browser keeps busy is cut after a moment.
    const closed = new Promise<void>((resolve) => io.close(() => resolve()));
    const cut = setTimeout(() => {
      log.warn("shutting down: cutting HTTP connections that are still busy");
      httpServer.closeAllConnections();
    }, CLOSE_CONNECTIONS_AFTER_MS);
    await closed;
    clearTimeout(cut);
    log.info({ inFlight: work.inFlight }, "shutting down: sockets and HTTP closed");
    await work.close();
    await cluster?.detach();
    await socketLimits.close();
    await database.close();
    log.info("shut down");
  }
}

// What every part of the server shares: config, database, settings, tokens, sockets, logger.
import type { Namespace, Server, Socket } from "socket.io";
import type {
  OperatorClientToServerEvents,
  OperatorServerToClientEvents,
  Role,
  VisitorClientToServerEvents,
  VisitorServerToClientEvents,
} from "@live-chat/protocol";
import type { Config } from "./config.js";
import type { Db, Provider } from "./store/db.js";
import type { MessageLog } from "./store/message-log.js";
import type { SettingsStore } from "./store/settings.js";
import type { TokenService } from "./auth/tokens.js";
import type { VisitorProfile } from "./auth/visitors.js";
import type { Logger } from "./log.js";
import type { BackgroundWork } from "./background.js";
import type { FileService } from "./files/service.js";

export interface OperatorSocketData {
  userId: string;
  sessionId: string;
  name: string;
  role: Role;
  locale: "nl" | "en";
}

export interface VisitorSocketData {
  visitorId: string;
  /** The token this visitor holds (sent back once in `session` so the widget can keep it). */
  visitorToken: string;
  locale: "nl" | "en";
  /** Conversations this visitor owns, cached so a message needs no ownership query; made on the first one. */
  conversationIds?: Set<string>;
  /** The client's address under TRUST_PROXY, counted by the abuse limits. */
  address: string;
  /** While the visitor's row is not written yet: what to write into it when it is (dropped once it is). */
  unsaved?: VisitorProfile;
  /** The token presented was an erased visitor's: this is a new visitor, told `visitor:erased` before its `session`. */
  replaced?: boolean;
}

export type OperatorNamespace = Namespace<OperatorClientToServerEvents, OperatorServerToClientEvents, Record<string, never>, OperatorSocketData>;
export type VisitorNamespace = Namespace<VisitorClientToServerEvents, VisitorServerToClientEvents, Record<string, never>, VisitorSocketData>;
export type VisitorSocket = Socket<VisitorClientToServerEvents, VisitorServerToClientEvents, Record<string, never>, VisitorSocketData>;

export interface Context {
  config: Config;
  db: Db;
  provider: Provider;
  /** The message hot path: one short atomic write per message. */
  messages: MessageLog;
  settings: SettingsStore;
  tokens: TokenService;
  log: Logger;
  io: Server;
  operators: OperatorNamespace;
  visitors: VisitorNamespace;
  /** Work in flight that shutdown waits for. */
  work: BackgroundWork;
  /** True when this process is one node of a cluster (REDIS_URL set). */
  clustered: boolean;
  /** Attachments: uploads, signed links, files in messages. */
  files: FileService;
}

export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  operator: (userId: string) => `operator:${userId}`,
  allOperators: "operators",
} as const;

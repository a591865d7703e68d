// Real socket.io-client connections and HTTP calls against a running server, for tests.
import { io, type Socket } from "socket.io-client";
import type {
  OperatorClientToServerEvents,
  OperatorServerToClientEvents,
  VisitorClientToServerEvents,
  VisitorServerToClientEvents,
  VisitorSession,
} from "@live-chat/protocol";

export type VisitorSocket = Socket<VisitorServerToClientEvents, VisitorClientToServerEvents>;
export type OperatorSocket = Socket<OperatorServerToClientEvents, OperatorClientToServerEvents>;

export const ADMIN = { email: "admin@example.com", password: "admin-password-1" };

export async function api<T = unknown>(url: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url + path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export async function login(url: string, email = ADMIN.email, password = ADMIN.password): Promise<{ token: string; user: { id: string; email: string; name: string; role: string } }> {
  const res = await api<{ token: string; user: { id: string; email: string; name: string; role: string } }>(url, "/api/auth/login", { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates an operator through the admin API and signs them in. */
export async function createOperator(url: string, adminToken: string, fields: { name: string; email?: string; maxChats?: number; role?: "operator" | "lead" | "admin" }) {
  const email = fields.email ?? `${fields.name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "operator-password-1";
  const res = await api<{ id: string }>(url, "/api/users", {
    token: adminToken,
    body: { email, name: fields.name, password, role: fields.role ?? "operator", maxChats: fields.maxChats ?? 3 },
  });
  if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
  const session = await login(url, email, password);
  return { id: res.body.id, email, password, token: session.token, name: fields.name };
}

export function connectOperator(url: string, token: string): Promise<OperatorSocket> {
  const socket: OperatorSocket = io(`${url}/operator`, { auth: { token }, transports: ["websocket"], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(err));
  });
}

export async function onlineOperator(url: string, token: string): Promise<OperatorSocket> {
  const socket = await connectOperator(url, token);
  const ack = await emitAck(socket, "presence:set", { status: "online" });
  if (!ack.ok) throw new Error(`presence:set failed: ${JSON.stringify(ack)}`);
  return socket;
}

export function connectVisitor(url: string, auth: Record<string, unknown> = {}, opts: { reconnection?: boolean } = {}): Promise<{ socket: VisitorSocket; session: VisitorSession }> {
  const socket: VisitorSocket = io(`${url}/visitor`, { auth, transports: ["websocket"], forceNew: true, reconnection: opts.reconnection ?? false });
  return new Promise((resolve, reject) => {
    socket.once("session", (session) => resolve({ socket, session }));
    socket.once("connect_error", (err) => reject(err));
  });
}

/** Emits an event and resolves with its ack. Typed loosely on purpose: tests also send bad payloads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function emitAck<R = any>(socket: Socket<any, any>, event: string, payload: unknown, timeoutMs = 10_000): Promise<R> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<R>;
}

/** Resolves with the next event of that name that matches. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nextEvent<T = any>(socket: Socket<any, any>, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the check passes (for state that settles asynchronously). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (err) {
      lastError = err;
      await sleep(stepMs);
    }
  }
  throw lastError;
}

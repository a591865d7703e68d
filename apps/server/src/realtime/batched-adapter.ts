// A Socket.IO cluster adapter for the small clusters this product runs on (two to a handful of nodes):
// every node hears one Redis pub/sub channel, shared by all namespaces, and what a node publishes within
// one turn of its event loop (or a linger window) goes out as one PUBLISH. A chat message costs its node
// at most one Redis command, not two (one per room), and the node delivers to its own sockets without
// waiting for Redis.
import { randomBytes } from "node:crypto";
import type { Namespace } from "socket.io";
import { ClusterAdapter, MessageType, type ClusterMessage, type ClusterResponse, type Offset } from "socket.io-adapter";

/** The Redis side the adapter needs: a connection that publishes, one that subscribes. */
export interface PubSub {
  publish(channel: string, payload: string): Promise<unknown>;
  /** `listener` gets each message on `channel` as it came (the adapter parses it). */
  subscribe(channel: string, listener: (payload: Buffer) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  /** How many connections listen on `channel` (PUBSUB NUMSUB): one per live node. */
  listeners(channel: string): Promise<number>;
}

/** At most this many messages go in one PUBLISH; more go in the next, at once. */
const MAX_BATCH = 256;
/** A node's uid: hex characters, at the start of every payload it publishes. */
const UID_LENGTH = 16;

export interface BatchedLinkOptions {
  /** Channel names start with it, so several deployments (or test runs) can share a Redis. */
  channelPrefix: string;
  /**
   * How long a node gathers messages after a PUBLISH before the next (0: only within one event-loop turn).
   * The first message after a quiet spell goes at once; only under load do messages wait, at most this long.
   */
  lingerMs?: number;
  /** A PUBLISH that failed, or a message that could not be read. */
  onError?: (err: unknown, what: "publish" | "parse") => void;
}

type Encodable = ClusterMessage | ClusterResponse;

function hasBinary(value: unknown, depth = 0): boolean {
  if (!value || typeof value !== "object" || depth > 32) return false;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) return value.some((v) => hasBinary(v, depth + 1));
  return Object.values(value as Record<string, unknown>).some((v) => hasBinary(v, depth + 1));
}

/**
 * One node's link to the cluster, shared by all its namespaces: one channel every node hears, one of its
 * own for answers to its requests, and one queue, so a chat message (to the operator's room in one
 * namespace, to the visitor's other tabs in another) costs one PUBLISH per event-loop turn, not two.
 *
 * Ordering: everything a node publishes travels in the order it was published (one connection, one
 * channel, FIFO), so "tell the widget it was erased, then disconnect it" arrives in that order.
 *
 * Every node hears every broadcast; one to rooms it has no socket in is dropped before any work (no
 * encoding, no delivery). That is cheap at a handful of nodes; a large cluster wants `sharded` instead.
 * Binary values cannot travel in JSON: a message holding one travels in an envelope with its binary
 * parts in base64, restored on arrival. A payload is the publishing node's uid followed by a JSON array
 * of messages; Redis hands every PUBLISH to its own publisher's subscriber too, which drops it unread.
 */
export class BatchedLink {
  /** The node's id in the cluster: every namespace adapter of this node uses it as its uid. */
  readonly uid: string;
  /** Resolves once this node listens on its channels (a node should not serve before). */
  readonly ready: Promise<void>;
  readonly channel: string;
  private readonly adapters = new Map<string, BatchedRedisAdapter>();
  private readonly queues = new Map<string, string[]>();
  private flushing: { cancel: () => void } | undefined;
  private lastFlush = 0;
  private closed = false;
  private readonly lingerMs: number;

  constructor(
    private readonly pubsub: PubSub,
    private readonly options: BatchedLinkOptions,
  ) {
    this.uid = randomBytes(UID_LENGTH / 2).toString("hex");
    this.lingerMs = options.lingerMs ?? 0;
    this.channel = `${options.channelPrefix}#all#`;
    this.ready = Promise.all([
      pubsub.subscribe(this.channel, (payload) => this.onPayload(payload, false)),
      pubsub.subscribe(this.responseChannel(this.uid), (payload) => this.onPayload(payload, true)),
    ]).then(() => undefined);
  }

  responseChannel(uid: string): string {
    return `${this.options.channelPrefix}#${uid}#`;
  }

  /** Every live node listens on the shared channel once. */
  serverCount(): Promise<number> {
    return this.pubsub.listeners(this.channel);
  }

  attach(adapter: BatchedRedisAdapter): void {
    this.adapters.set(adapter.nsp.name, adapter);
  }

  enqueue(channel: string, message: Encodable): void {
    if (this.closed) return;
    const encoded = JSON.stringify(hasBinary(message) ? { binary: encodeBinary(message) } : message);
    const queue = this.queues.get(channel);
    if (queue) queue.push(encoded);
    else this.queues.set(channel, [encoded]);
    if (!this.flushing) this.flushing = this.scheduleFlush();
  }

  private scheduleFlush(): { cancel: () => void } {
    const wait = this.lastFlush + this.lingerMs - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      return { cancel: () => clearImmediate(immediate) };
    }
    const timer = setTimeout(() => this.flush(), wait);
    return { cancel: () => clearTimeout(timer) };
  }

  /** Sends what is queued, then stops listening. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await Promise.all([this.pubsub.unsubscribe(this.channel), this.pubsub.unsubscribe(this.responseChannel(this.uid))]).catch(() => undefined);
  }

  /** One PUBLISH per channel with what queued since the last flush (at most MAX_BATCH each). */
  private flush(): void {
    this.flushing?.cancel();
    this.flushing = undefined;
    if (this.queues.size === 0) return;
    this.lastFlush = performance.now();
    for (const [channel, queue] of this.queues) {
      for (let start = 0; start < queue.length; start += MAX_BATCH) {
        // The sender's uid first: every node hears its own PUBLISH too, and drops it on these bytes alone.
        const payload = `${this.uid}[${queue.slice(start, start + MAX_BATCH).join(",")}]`;
        this.pubsub.publish(channel, payload).catch((err: unknown) => this.options.onError?.(err, "publish"));
      }
    }
    this.queues.clear();
  }

  private onPayload(payload: Buffer, isResponse: boolean): void {
    // Our own PUBLISH coming back: nothing in it is for us, so it is not even parsed.
    if (payload.length >= UID_LENGTH && payload.toString("latin1", 0, UID_LENGTH) === this.uid) return;
    let batch: unknown[];
    try {
      const parsed: unknown = JSON.parse(payload.toString("utf8", UID_LENGTH));
      if (!Array.isArray(parsed)) throw new Error("a cluster payload is a JSON array");
      batch = parsed;
    } catch (err) {
      this.options.onError?.(err, "parse");
      return;
    }
    for (const raw of batch) {
      const message = (raw && typeof raw === "object" && "binary" in raw ? decodeBinary((raw as { binary: unknown }).binary) : raw) as Encodable & { uid?: string; nsp?: string };
      if (message.uid === this.uid) continue;
      const adapter = this.adapters.get(message.nsp ?? "");
      if (!adapter) continue;
      if (isResponse) adapter.receiveResponse(message as ClusterResponse);
      else adapter.receive(message as ClusterMessage);
    }
  }
}

/** A namespace's adapter: publishes through the node's link, takes what the link hands it. */
export class BatchedRedisAdapter extends ClusterAdapter {
  constructor(
    nsp: Namespace,
    private readonly link: BatchedLink,
  ) {
    super(nsp);
    // One id per node, not per namespace: answers to any of its namespaces come to the node's channel.
    (this as unknown as { uid: string }).uid = link.uid;
    link.attach(this);
  }

  override serverCount(): Promise<number> {
    return this.link.serverCount();
  }

  protected override doPublish(message: ClusterMessage): Promise<Offset> {
    this.link.enqueue(this.link.channel, message);
    return Promise.resolve("");
  }

  protected override doPublishResponse(requesterUid: string, response: ClusterResponse): Promise<void> {
    this.link.enqueue(this.link.responseChannel(requesterUid), response);
    return Promise.resolve();
  }

  receive(message: ClusterMessage): void {
    if (this.concernsThisNode(message)) this.onMessage(message);
  }

  receiveResponse(response: ClusterResponse): void {
    this.onResponse(response);
  }

  /** A plain broadcast to rooms this node has no socket in changes nothing here: skip it before any work. */
  private concernsThisNode(message: ClusterMessage): boolean {
    if (message.type !== MessageType.BROADCAST) return true;
    const data = message.data as { requestId?: string; opts: { rooms: string[] } };
    if (data.requestId !== undefined || data.opts.rooms.length === 0) return true;
    return data.opts.rooms.some((room) => this.rooms.has(room));
  }
}

/** Binary values in a message, as { $b: base64 } so the message can travel as JSON. */
function encodeBinary(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== "object" || depth > 32) return value;
  if (value instanceof ArrayBuffer) return { $b: Buffer.from(value).toString("base64") };
  if (ArrayBuffer.isView(value)) return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (Array.isArray(value)) return value.map((v) => encodeBinary(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, encodeBinary(v, depth + 1)]));
}

function decodeBinary(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => decodeBinary(v, depth + 1));
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === "$b" && typeof entries[0]![1] === "string") return Buffer.from(entries[0]![1], "base64");
  return Object.fromEntries(entries.map(([k, v]) => [k, decodeBinary(v, depth + 1)]));
}

/** The adapter constructor Socket.IO takes (it calls it with `new`, so a function, not an arrow). */
export function createBatchedAdapter(link: BatchedLink): (nsp: Namespace) => BatchedRedisAdapter {
  return function (nsp: Namespace) {
    return new BatchedRedisAdapter(nsp, link);
  };
}

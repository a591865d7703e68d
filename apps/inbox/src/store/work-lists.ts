// The lists of work beside the chats: offline messages left while nobody was available, and the
// follow-ups promised (the team's open ones, and each opened chat's). One loader serves them all.
import type { FollowUp, OfflineMessage } from "@live-chat/protocol";
import { conversationFollowUps, followUps as teamFollowUps, markFollowUpDone, markOfflineHandled, offlineMessages, promiseFollowUp, replyToFollowUp, replyToOfflineMessage, type FollowUpInput } from "../api.js";
import type { StoreContext } from "./context.js";

interface WorkItem {
  id: string;
  /** When its answer was promised by. */
  dueAt: string;
}

interface WorkListKind<T> {
  fetch(): Promise<T[]>;
  /** Sorts the list in place and returns it. */
  order(list: T[]): T[];
  done(item: T): boolean;
}

/** A list loaded over HTTP and kept current by pushes; a push during a load wins over its (older) answer. */
export class WorkList<T extends WorkItem> {
  /** Null until first loaded. */
  items: T[] | null = null;
  /** Why the list could not be loaded (an ApiError), until a load succeeds. */
  error: unknown = null;
  #loading = false;
  readonly #sinceLoad = new Map<string, T>();

  readonly #store: StoreContext;
  readonly #kind: WorkListKind<T>;

  constructor(store: StoreContext, kind: WorkListKind<T>) {
    this.#store = store;
    this.#kind = kind;
  }

  /** The items nobody has done yet. */
  get open(): T[] {
    return (this.items ?? []).filter((item) => !this.#kind.done(item));
  }

  /** How many open items are past the time they were promised by. */
  get overdue(): number {
    return this.open.filter((item) => Date.parse(item.dueAt) < this.#store.now).length;
  }

  async load(): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    this.#sinceLoad.clear();
    try {
      const byId = new Map((await this.#kind.fetch()).map((item) => [item.id, item]));
      for (const item of this.#sinceLoad.values()) byId.set(item.id, item);
      this.items = this.#kind.order([...byId.values()]);
      this.error = null;
    } catch (err) {
      this.error = err;
    } finally {
      this.#loading = false;
      this.#store.changed();
    }
  }

  /** A new item, or a changed one: added to the list or put in its place. */
  put(item: T): void {
    if (this.#loading) this.#sinceLoad.set(item.id, item);
    if (this.items) this.items = this.#kind.order([...this.items.filter((o) => o.id !== item.id), item]);
    this.#store.changed();
  }
}

export class WorkLists {
  /** Messages left while nobody was available, newest first. */
  readonly offline: WorkList<OfflineMessage>;
  /** The team's open follow-ups, plus those marked done while this inbox was open. */
  readonly followUps: WorkList<FollowUp>;
  /** Each opened chat's follow-ups, open and done. */
  readonly #chats = new Map<string, WorkList<FollowUp>>();

  readonly #store: StoreContext;

  constructor(store: StoreContext) {
    this.#store = store;
    this.offline = new WorkList(store, { fetch: () => offlineMessages(store.token), order: newestFirst, done: (m) => Boolean(m.handledAt) });
    this.followUps = new WorkList(store, { fetch: () => teamFollowUps(store.token, "open"), order: byDueTime, done: isDone });
  }

  /** A chat's follow-ups, open ones first, by due time; undefined until they are known. */
  chatFollowUps(conversationId: string): FollowUp[] | undefined {
    return this.#chats.get(conversationId)?.items ?? undefined;
  }

  /** A chat is opened: its follow-ups load, until once they are known. */
  openChat(conversationId: string): void {
    let list = this.#chats.get(conversationId);
    if (!list) {
      list = new WorkList(this.#store, { fetch: () => conversationFollowUps(this.#store.token, conversationId), order: byDueTime, done: isDone });
      this.#chats.set(conversationId, list);
    }
    if (!list.items) void list.load();
  }

  /** After a (re)connect every list picks up what it missed. */
  reload(): void {
    void this.offline.load();
    void this.followUps.load();
    for (const list of this.#chats.values()) void list.load();
  }

  /** Marks an offline message handled; throws the server's refusal for the view to show. */
  async markOfflineHandled(id: string): Promise<void> {
    this.offline.put(await markOfflineHandled(this.#store.token, id));
  }

  /** Records a promise made in the chat; throws the server's refusal (an ApiError naming the field) for the form. */
  async promiseFollowUp(conversationId: string, input: FollowUpInput): Promise<FollowUp> {
    const followUp = await promiseFollowUp(this.#store.token, conversationId, input);
    this.putFollowUp(followUp);
    return followUp;
  }

  /** Marks a follow-up done (or open again); throws the server's refusal for the view to show. */
  /** Answers an offline message by e-mail; throws the server's refusal (already answered) for the view. */
  async replyToOffline(id: string, body: string): Promise<void> {
    this.offline.put(await replyToOfflineMessage(this.#store.token, id, body));
  }

  /** Keeps an e-mail follow-up by mailing the visitor; throws the server's refusal for the view. */
  async replyToFollowUp(id: string, body: string): Promise<void> {
    this.putFollowUp(await replyToFollowUp(this.#store.token, id, body));
  }

  async markFollowUpDone(id: string, done: boolean): Promise<void> {
    this.putFollowUp(await markFollowUpDone(this.#store.token, id, done));
  }

  /** A new or changed follow-up: put in the team's list and in its chat's. */
  putFollowUp(f: FollowUp): void {
    this.followUps.put(f);
    this.#chats.get(f.conversationId)?.put(f);
  }
}

function isDone(f: FollowUp): boolean {
  return Boolean(f.doneAt);
}

function newestFirst(messages: OfflineMessage[]): OfflineMessage[] {
  return messages.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** Open ones first, each group in order of when it is due. */
function byDueTime(list: FollowUp[]): FollowUp[] {
  return list.sort((a, b) => Number(isDone(a)) - Number(isDone(b)) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

// What every domain module of the inbox store shares: who is signed in, the clock, the connection
// and the one change signal, so a module needs nothing from the others to do its own job.
import type { Locale, User } from "@live-chat/protocol";
import type { Connection } from "./connection.js";

export interface StoreContext {
  readonly token: string;
  readonly user: User;
  /** The language the operator reads the inbox in. */
  readonly locale: Locale;
  /** The store's clock, ticking once a second while connected. */
  readonly now: number;
  readonly connection: Connection;
  /** Queues one coalesced "change" event for the subscribed components. */
  changed(): void;
  dispatchEvent(event: Event): boolean;
}

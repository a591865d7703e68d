// Re-renders a Lit element whenever the inbox store changes.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { InboxStore } from "./store/index.js";

export class StoreController implements ReactiveController {
  private store: InboxStore | null = null;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Follows a new store (after signing in again) and drops the old one. */
  bind(store: InboxStore | null): void {
    if (store === this.store) return;
    this.store?.removeEventListener("change", this.onChange);
    this.store = store;
    this.store?.addEventListener("change", this.onChange);
  }

  hostConnected(): void {
    this.store?.addEventListener("change", this.onChange);
  }

  hostDisconnected(): void {
    this.store?.removeEventListener("change", this.onChange);
  }
}

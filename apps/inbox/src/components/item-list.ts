// What the team lists (offline messages, follow-ups) share: an action on one item at a time with
// its button disabled meanwhile and its failure kept to show, and the loading, failed and empty
// states around the list.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { Locale } from "@live-chat/protocol";
import { describeError } from "../api.js";
import { t, type MessageKey } from "../i18n.js";

export class ItemActions implements ReactiveController {
  private readonly running = new Set<string>();
  /** Why the last action failed, shown until the next one. */
  error: unknown = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  busy(id: string): boolean {
    return this.running.has(id);
  }

  async run(id: string, action: () => Promise<unknown>): Promise<void> {
    this.error = null;
    this.running.add(id);
    this.host.requestUpdate();
    try {
      await action();
    } catch (err) {
      this.error = err;
    } finally {
      this.running.delete(id);
      this.host.requestUpdate();
    }
  }
}

/**
 * The list with its error above it, or what stands in its place: the load error, "loading" before
 * the first load, or the empty text.
 */
export function itemList<T>(
  l: Locale,
  loaded: { items: T[] | null; error: unknown },
  actionError: unknown,
  emptyKey: MessageKey,
  list: (items: T[]) => TemplateResult,
): TemplateResult | null {
  const error = actionError ?? loaded.error;
  const errorText = error ? html`<p class="error" role="alert">${describeError(error, l)}</p>` : null;
  if (loaded.items === null) return loaded.error ? errorText : html`<p class="empty">${t(l, "loading")}</p>`;
  if (loaded.items.length === 0) return html`${errorText}<p class="empty">${t(l, emptyKey)}</p>`;
  return html`${errorText}${list(loaded.items)}`;
}

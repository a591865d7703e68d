// What the widget keeps in localStorage, namespaced per chat server so two widgets on one site never mix.
export type StoredItem = "token" | "conversation" | "left" | "seen" | "outbox" | "settings" | "open";

function storageKey(server: string, item: StoredItem): string {
  return `live-chat:v1:${new URL(server).origin}:${item}`;
}

export function readStored<T>(server: string, item: StoredItem): T | undefined {
  try {
    const raw = localStorage.getItem(storageKey(server, item));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    // Storage can be blocked (sandboxed iframe, privacy mode) or hold garbage: behave as empty.
    return undefined;
  }
}

/** Without a value, the item goes. */
export function writeStored(server: string, item: StoredItem, value?: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(storageKey(server, item));
    else localStorage.setItem(storageKey(server, item), JSON.stringify(value));
  } catch {
    // Without storage the chat still works for this page view; it just cannot resume after a reload.
  }
}

// Counts the operator's messages the visitor has not seen with the chat open, remembered across reloads,
// so the launcher's badge is right even before the visitor opens the chat again.
import type { Message } from "@live-chat/protocol";
import { readStored, writeStored } from "../storage.js";

export class UnreadCount {
  count = 0;
  /** What update() last looked at, so it reads storage only when the chat, its last seq or open changed. */
  private key = "";

  constructor(private readonly server: string) {}

  /** The new count when it changed, else undefined. */
  update(conversationId: string, messages: Message[], open: boolean): number | undefined {
    const lastSeq = messages.length ? messages[messages.length - 1].seq : 0;
    const key = `${conversationId}:${lastSeq}:${open}`;
    if (key === this.key) return;
    this.key = key;
    const seen = readStored<{ conversationId: string; seq: number }>(this.server, "seen");
    const seenSeq = seen?.conversationId === conversationId ? seen.seq : 0;
    if (open && lastSeq > seenSeq) writeStored(this.server, "seen", { conversationId, seq: lastSeq });
    const unread = open ? 0 : messages.filter((m) => m.seq > seenSeq && m.author.type !== "visitor").length;
    if (unread === this.count) return;
    return (this.count = unread);
  }
}

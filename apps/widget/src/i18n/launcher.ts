// The few strings the closed bubble needs, in both languages; the chat's own strings load with the chat.
import type { Locale } from "@live-chat/protocol";

export const LAUNCHER_STRINGS: Record<Locale, { openChat: string; closeChat: string; unreadOne: string; unreadMany: string }> = {
  en: { openChat: "Open chat", closeChat: "Close chat", unreadOne: "1 new message", unreadMany: "{count} new messages" },
  nl: { openChat: "Chat openen", closeChat: "Chat sluiten", unreadOne: "1 nieuw bericht", unreadMany: "{count} nieuwe berichten" },
};

// The few strings the closed bubble needs, in both languages; the chat's own strings load with the chat.
import type { Locale } from "@live-chat/protocol";

type LauncherStrings = { openChat: string; closeChat: string; unreadOne: string; unreadMany: string; invitation: string; invitationFrom: string; answerInvitation: string; dismissInvitation: string };

export const LAUNCHER_STRINGS: Record<Locale, LauncherStrings> = {
  en: {
    openChat: "Open chat",
    closeChat: "Close chat",
    unreadOne: "1 new message",
    unreadMany: "{count} new messages",
    invitation: "Invitation to chat",
    invitationFrom: "{name} writes:",
    answerInvitation: "Reply",
    dismissInvitation: "No, thank you",
  },
  nl: {
    openChat: "Chat openen",
    closeChat: "Chat sluiten",
    unreadOne: "1 nieuw bericht",
    unreadMany: "{count} nieuwe berichten",
    invitation: "Uitnodiging om te chatten",
    invitationFrom: "{name} schrijft:",
    answerInvitation: "Beantwoorden",
    dismissInvitation: "Nee, dank u",
  },
};

// Canned replies as the database holds them: phases as one ordered list, shortcuts in lower case.
import { phaseIndex, type CannedReplyInput } from "@live-chat/protocol";

export function cannedReplyColumns(input: Omit<Partial<CannedReplyInput>, "shortcut" | "checklistItem"> & { shortcut?: string | null; checklistItem?: string | null }) {
  return {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    ...(input.shortcut !== undefined ? { shortcut: input.shortcut ? input.shortcut.toLowerCase() : null } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.phases !== undefined ? { phases: [...new Set(input.phases)].sort((a, b) => phaseIndex(a) - phaseIndex(b)).join(",") } : {}),
    ...(input.checklistItem !== undefined ? { checklistItem: input.checklistItem } : {}),
  };
}

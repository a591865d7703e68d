// The conversation as plain text for the visitor to copy or save, files named under their message.
import type { Locale, Message } from "@live-chat/protocol";
import { describeAttachment } from "@live-chat/protocol/attachments";
import type { Strings } from "../i18n/panel.js";

/** A plain-text transcript of what the visitor saw, for copying or saving. */
export function transcriptText(messages: Message[], strings: Strings, locale: Locale, describeSystem: (m: Message) => string): string {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
  const lines = messages.map((m) => {
    const time = when.format(new Date(m.createdAt));
    if (m.kind === "system") return `[${time}] ${describeSystem(m)}`;
    const author = m.author.type === "visitor" ? strings.you : (m.author.name ?? strings.someone);
    return [`[${time}] ${author}: ${m.body}`, ...(m.attachments ?? []).map((a) => `  ${describeAttachment(a, locale)}`)].join("\n");
  });
  return [strings.transcriptTitle, "", ...lines, ""].join("\n");
}

export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

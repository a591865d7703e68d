// The export's readable transcript: what a person asking "what do you have on me" can read without
// tools, in their own language (the one their widget spoke).
import type { Locale, PrivacyExport } from "@live-chat/protocol";

const LABELS: Record<Locale, { heading: string; someone: string; exported: string; chat: string; with: string; you: string; operator: string; system: string; note: string; files: string; rating: string; promised: string; done: string; left: string; mail: string; subject: string; storedFiles: string }> = {
  en: { heading: "Everything stored about", someone: "this visitor", exported: "Exported", chat: "Chat of", with: "with", you: "You", operator: "Operator", system: "System", note: "internal note", files: "files", rating: "Rating", promised: "Promised", done: "done", left: "Message left on", mail: "Mail to", subject: "Subject", storedFiles: "Files" },
  nl: { heading: "Alles wat is bewaard over", someone: "deze bezoeker", exported: "Geëxporteerd", chat: "Chat van", with: "met", you: "U", operator: "Medewerker", system: "Systeem", note: "interne notitie", files: "bestanden", rating: "Beoordeling", promised: "Toegezegd", done: "afgehandeld", left: "Bericht achtergelaten op", mail: "E-mail aan", subject: "Onderwerp", storedFiles: "Bestanden" },
};

function line(at: string, who: string, body: string): string {
  return `[${at.replace("T", " ").slice(0, 19)} UTC] ${who}: ${body.split("\n").join("\n    ")}`;
}

/** Plain text, one block per chat, offline message and mail, times in UTC. */
export function renderTranscript(data: Omit<PrivacyExport, "transcript">): string {
  const v = data.visitor;
  const l = LABELS[v.locale === "nl" ? "nl" : "en"];
  const out: string[] = [`${l.heading} ${v.name ?? l.someone}${v.email ? ` <${v.email}>` : ""}`, `${l.exported} ${data.exportedAt}`, ""];
  for (const c of data.conversations) {
    out.push(`== ${l.chat} ${c.createdAt.slice(0, 10)} (${c.status}${c.operator ? `, ${l.with} ${c.operator.name}` : ""}) ==`);
    for (const m of c.messages) {
      const who = m.kind === "note" ? `${m.author.name ?? l.operator} (${l.note})` : m.author.type === "visitor" ? l.you : (m.author.name ?? (m.author.type === "system" ? l.system : l.operator));
      out.push(line(m.createdAt, who, `${m.body}${m.attachments.length ? ` [${l.files}: ${m.attachments.join(", ")}]` : ""}`));
    }
    if (c.rating) out.push(`${l.rating}: ${c.rating.score}/5${c.rating.comment ? ` "${c.rating.comment}"` : ""}`);
    for (const f of c.followUps) out.push(`${l.promised} (${f.channel}) ${f.dueAt}: ${f.note}${f.doneAt ? ` (${l.done} ${f.doneAt})` : ""}`);
    out.push("");
  }
  for (const o of data.offlineMessages) out.push(`== ${l.left} ${o.createdAt.slice(0, 10)} ==`, line(o.createdAt, `${o.name} <${o.email}>${o.phone ? ` ${o.phone}` : ""}`, o.body), "");
  for (const m of data.mails) out.push(`== ${l.mail} ${m.to} (${m.status}), ${m.createdAt} ==`, `${l.subject}: ${m.subject}`, m.text, "");
  if (data.files.length) out.push(`== ${l.storedFiles} ==`, ...data.files.map((f) => `${f.name} (${f.type}, ${f.size} bytes, ${f.createdAt})`), "");
  return out.join("\n");
}

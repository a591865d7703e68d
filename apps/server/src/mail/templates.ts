// Every mail the product sends, rendered from the texts in i18n/ as plain text and as HTML (every
// value escaped), in the recipient's language. Admins preview them with sample values.
import { describeAttachment, type Attachment, type Locale, type MailPreview, type MailTemplateName } from "@live-chat/protocol";
import { MAIL_TEXTS } from "./i18n/index.js";

export interface TranscriptLine {
  author: "visitor" | "operator" | "system";
  name?: string;
  at: Date;
  body: string;
  /** A system line's key and values, to say it in the mail's language. */
  systemKey?: string;
  params?: Record<string, string>;
  /** The message's attachments: the mail names them (size and kind), it does not carry them. */
  attachments?: Array<Pick<Attachment, "name" | "size" | "type">>;
}

export type TemplateValues = {
  offline_answer: { name?: string; answer: string; operator: string; original: string; originalAt: Date };
  follow_up_answer: { name?: string; answer: string; operator: string };
  transcript: { name?: string; startedAt: Date; lines: TranscriptLine[] };
  invitation: { name: string; inviter: string; link: string; expiresAt: Date };
  password_reset: { name: string; link: string; expiresAt: Date };
  unanswered_alert: { visitor?: string; minutes: number; link: string };
  test: Record<string, never>;
  chat_reply: { name?: string; answer: string; operator: string; subject?: string; original?: string; originalAt?: Date; attachments?: Array<Pick<Attachment, "name" | "size" | "type">> };
};

type Block = { p: string } | { quote: string } | { link: string; label: string } | { lines: Array<{ who: string; at: string; body: string }> };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const when = (locale: Locale, at: Date) =>
  new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(at) + " UTC";
const time = (locale: Locale, at: Date) => new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(at);

function blocksOf<N extends MailTemplateName>(name: N, locale: Locale, values: TemplateValues[N]): { subject: string; blocks: Block[] } {
  const t = MAIL_TEXTS[locale];
  const greet = (who?: string): Block => ({ p: who ? fill(t.greeting, { name: who }) : t.greetingNoName });
  const signed = (who: string): Block[] => [{ p: `${t.signoff}\n${who}` }];
  switch (name) {
    case "offline_answer": {
      const v = values as TemplateValues["offline_answer"];
      return {
        subject: t.offline_answer.subject,
        blocks: [greet(v.name), { p: t.offline_answer.intro }, { p: v.answer }, ...signed(v.operator), { p: t.replyHint }, { p: fill(t.offline_answer.original, { when: when(locale, v.originalAt) }) }, { quote: v.original }],
      };
    }
    case "follow_up_answer": {
      const v = values as TemplateValues["follow_up_answer"];
      return { subject: t.follow_up_answer.subject, blocks: [greet(v.name), { p: t.follow_up_answer.intro }, { p: v.answer }, ...signed(v.operator), { p: t.replyHint }] };
    }
    case "transcript": {
      const v = values as TemplateValues["transcript"];
      const lineText = (l: TranscriptLine) => (l.systemKey && t.transcript.lines[l.systemKey] ? fill(t.transcript.lines[l.systemKey]!, l.params ?? {}) : l.body);
      const who = (l: TranscriptLine) => (l.author === "visitor" ? t.transcript.visitor : l.author === "system" ? t.transcript.system : (l.name ?? t.team));
      return {
        subject: fill(t.transcript.subject, { when: when(locale, v.startedAt) }),
        blocks: [greet(v.name), { p: t.transcript.intro }, { lines: v.lines.map((l) => ({ who: who(l), at: time(locale, l.at), body: [lineText(l), ...(l.attachments ?? []).map((a) => describeAttachment(a, locale))].filter(Boolean).join("\n") })) }, { p: t.replyHint }, ...signed(t.team)],
      };
    }
    case "invitation": {
      const v = values as TemplateValues["invitation"];
      return {
        subject: t.invitation.subject,
        blocks: [greet(v.name), { p: fill(t.invitation.intro, { inviter: v.inviter, until: when(locale, v.expiresAt) }) }, { link: v.link, label: t.invitation.action }, ...signed(t.team)],
      };
    }
    case "password_reset": {
      const v = values as TemplateValues["password_reset"];
      return {
        subject: t.password_reset.subject,
        blocks: [greet(v.name), { p: fill(t.password_reset.intro, { until: when(locale, v.expiresAt) }) }, { link: v.link, label: t.password_reset.action }, { p: t.password_reset.ignore }, ...signed(t.team)],
      };
    }
    case "unanswered_alert": {
      const v = values as TemplateValues["unanswered_alert"];
      return {
        subject: t.unanswered_alert.subject,
        blocks: [greet(), { p: fill(t.unanswered_alert.intro, { visitor: v.visitor ?? t.someone, minutes: String(v.minutes) }) }, { link: v.link, label: t.unanswered_alert.action }, { p: t.unanswered_alert.optOut }],
      };
    }
    case "chat_reply": {
      const v = values as TemplateValues["chat_reply"];
      const quoted: Block[] = v.original && v.originalAt ? [{ p: fill(t.chat_reply.original, { when: when(locale, v.originalAt) }) }, { quote: v.original }] : [];
      // An answer in the customer's own thread keeps their subject, as a mail program would.
      const subject = v.subject ? (/^(re|antw):/i.test(v.subject) ? v.subject : `Re: ${v.subject}`) : t.chat_reply.subject;
      // Files sent in the chat are named, not attached: the mail stays small and the link stays the chat's.
      const files: Block[] = v.attachments?.length ? [{ p: v.attachments.map((a) => describeAttachment(a, locale)).join("\n") }] : [];
      return { subject, blocks: [greet(v.name), { p: v.answer }, ...files, ...signed(v.operator), { p: t.replyHint }, ...quoted] };
    }
    default:
      return { subject: t.test.subject, blocks: [greet(), { p: t.test.intro }, ...signed(t.team)] };
  }
}

const paragraphHtml = (text: string) => escapeHtml(text).replace(/\n/g, "<br>");

function toText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if ("p" in b) return b.p;
      if ("quote" in b) return b.quote.split("\n").map((line) => `> ${line}`).join("\n");
      if ("link" in b) return `${b.label}: ${b.link}`;
      return b.lines.map((l) => `[${l.at}] ${l.who}: ${l.body}`).join("\n");
    })
    .join("\n\n");
}

function toHtml(subject: string, blocks: Block[], locale: Locale): string {
  const body = blocks
    .map((b) => {
      if ("p" in b) return `<p>${paragraphHtml(b.p)}</p>`;
      if ("quote" in b) return `<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:12px;color:#555">${paragraphHtml(b.quote)}</blockquote>`;
      if ("link" in b) return `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`;
      return `<table role="presentation">${b.lines.map((l) => `<tr><td style="color:#777;vertical-align:top">${escapeHtml(l.at)}</td><td style="vertical-align:top"><strong>${escapeHtml(l.who)}</strong></td><td>${paragraphHtml(l.body)}</td></tr>`).join("")}</table>`;
    })
    .join("\n");
  return `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">\n${body}\n</body></html>`;
}

export function renderMail<N extends MailTemplateName>(name: N, locale: Locale, values: TemplateValues[N]): RenderedMail {
  const { subject, blocks } = blocksOf(name, locale, values);
  return { subject, text: toText(blocks), html: toHtml(subject, blocks, locale) };
}

/** Sample values for the admin preview: what each placeholder looks like, escaping included. */
const SAMPLES: { [N in MailTemplateName]: TemplateValues[N] } = {
  offline_answer: { name: "Sam <Sample>", answer: "Your order ships tomorrow.", operator: "Noor", original: "Where is my order?", originalAt: new Date("2026-01-05T09:30:00Z") },
  follow_up_answer: { name: "Sam", answer: "The refund was sent today.", operator: "Noor" },
  transcript: {
    name: "Sam",
    startedAt: new Date("2026-01-05T09:30:00Z"),
    lines: [
      { author: "visitor", at: new Date("2026-01-05T09:30:00Z"), body: "Hello, where is my order?" },
      { author: "operator", name: "Noor", at: new Date("2026-01-05T09:31:00Z"), body: "Let me look that up for you." },
      { author: "operator", name: "Noor", at: new Date("2026-01-05T09:32:00Z"), body: "Here is your invoice.", attachments: [{ name: "invoice-2026-001.pdf", size: 48_213, type: "application/pdf" }] },
    ],
  },
  invitation: { name: "Sam", inviter: "Noor", link: "https://support.example/inbox/#invite=sample", expiresAt: new Date("2026-01-12T09:30:00Z") },
  password_reset: { name: "Sam", link: "https://support.example/inbox/#invite=sample", expiresAt: new Date("2026-01-05T10:30:00Z") },
  unanswered_alert: { visitor: "Sam", minutes: 6, link: "https://support.example/inbox" },
  test: {},
  chat_reply: { name: "Sam", answer: "Yes, we ship to Belgium too.", operator: "Noor", original: "Do you ship to Belgium?", originalAt: new Date("2026-01-05T09:30:00Z") },
};

export function previewMail(name: MailTemplateName, locale: Locale): MailPreview {
  // An answer in a chat kept by mail carries the customer's subject: here, the reply to our offline answer.
  if (name === "chat_reply") return { name, locale, ...renderMail(name, locale, { ...SAMPLES.chat_reply, subject: `Re: ${MAIL_TEXTS[locale].offline_answer.subject}` }) };
  return { name, locale, ...renderMail(name, locale, SAMPLES[name]) };
}

import { html, type TemplateResult } from "lit";

// Only http(s) addresses become links; everything else stays text (Lit escapes it), so no markup runs.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

export function linkify(text: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    const start = match.index ?? 0;
    parts.push(text.slice(last, start));
    parts.push(html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow">${url}</a>`);
    last = start + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

// What is new in a reply: the text above the quoted history that mail programs append (lines
// starting with ">", "On … wrote:", "Op … schreef …:", a forwarded original) and above a signature.
const SIGNATURE = /^-- ?$/;
const ATTRIBUTION = [/^On\b.*\bwrote:\s*$/i, /^Op\b.*\bschreef\b.*:\s*$/i, /^-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht)\s*-{2,}\s*$/i, /^_{5,}\s*$/];
/** An attribution line some programs wrap over two lines ("On Mon, 5 Jan 2026, Sam <sam@…>" / "wrote:"). */
const WRAPPED_ATTRIBUTION = [/^On\b/i, /^Op\b/i];
const WRAPPED_END = /^(.*\s)?(wrote|schreef):\s*$/i;

export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (SIGNATURE.test(line)) break;
    if (trimmed.startsWith(">")) continue;
    if (ATTRIBUTION.some((re) => re.test(trimmed))) break;
    const next = lines[i + 1]?.trim() ?? "";
    if (WRAPPED_ATTRIBUTION.some((re) => re.test(trimmed)) && WRAPPED_END.test(next) && !/[.!?]$/.test(trimmed)) break;
    kept.push(line);
  }
  return kept.join("\n").trim();
}

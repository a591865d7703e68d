// How an attachment reads in a text transcript (download, e-mail): name, size and kind, in nl or en.
import type { Attachment, Locale } from "./types.js";

const KINDS: Record<string, Record<Locale, string>> = {
  "image/png": { en: "image", nl: "afbeelding" },
  "image/jpeg": { en: "image", nl: "afbeelding" },
  "image/gif": { en: "image", nl: "afbeelding" },
  "image/webp": { en: "image", nl: "afbeelding" },
  "application/pdf": { en: "PDF", nl: "pdf" },
  "text/plain": { en: "text file", nl: "tekstbestand" },
  "text/csv": { en: "CSV file", nl: "csv-bestand" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { en: "Word document", nl: "Word-document" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { en: "Excel sheet", nl: "Excel-werkblad" },
  "application/vnd.oasis.opendocument.text": { en: "OpenDocument text", nl: "OpenDocument-tekst" },
};
const OTHER: Record<Locale, string> = { en: "file", nl: "bestand" };
const LABEL: Record<Locale, string> = { en: "Attachment", nl: "Bijlage" };

/** 1234567 → "1.2 MB" (en) / "1,2 MB" (nl). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: unit === 0 ? 0 : 1, useGrouping: false }).format(value);
  return `${number} ${units[unit]}`;
}

/** "Attachment: order.pdf (12 KB, PDF)" / "Bijlage: order.pdf (12 KB, pdf)". */
export function describeAttachment(attachment: Pick<Attachment, "name" | "size" | "type">, locale: Locale): string {
  const kind = KINDS[attachment.type]?.[locale] ?? OTHER[locale];
  return `${LABEL[locale]}: ${attachment.name} (${formatFileSize(attachment.size, locale)}, ${kind})`;
}

// What a file really is, decided by its bytes and never by its name: the allow-list, and images
// re-encoded (turned upright, every bit of metadata such as EXIF GPS dropped) with a thumbnail.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { fileTypeFromFile } from "file-type";
import sharp from "sharp";
import { LIMITS } from "@live-chat/protocol";
import { AppError } from "../errors.js";

/** Shown inline in a browser; everything else is only ever downloaded. */
export const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Kept byte for byte: documents a browser does not run. */
const DOCUMENT_TYPES = new Set([
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
]);

/** Images are decoded and written anew; HEIC (phones) becomes JPEG when this sharp build can read it. */
const IMAGE_OUTPUT: Record<string, "png" | "jpeg" | "gif" | "webp"> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/heic": "jpeg",
  "image/heif": "jpeg",
};

const TEXT_EXTENSIONS = new Set(["", ".txt", ".csv", ".log", ".md"]);
/** Markup a browser would render or run: refused even as "text", whatever the name says. */
const MARKUP = /<\s*(!doctype|html|svg|script|\?xml|head|body|iframe|object|embed|meta)\b/i;

const THUMBNAIL_WIDTH = 320;

export interface Inspected {
  type: string;
  /** New bytes to store instead of the upload (re-encoded images). */
  bytes?: Buffer;
  thumbnail?: Buffer;
  /** The name with an extension that matches what is stored. */
  name: string;
}

const refuse = (why: string) => new AppError("FILE_TYPE_NOT_ALLOWED", "file", why);

/** The uploader's name without folders or control characters, short enough to store. */
export function cleanName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop()!.replace(/[\p{Cc}"]/gu, "").trim();
  return (base || "file").slice(0, LIMITS.fileName);
}

function withExtension(name: string, ext: string): string {
  const current = extname(name).toLowerCase();
  if (current === `.${ext}` || (ext === "jpeg" && current === ".jpg")) return name;
  return `${current ? name.slice(0, -current.length) : name}.${ext === "jpeg" ? "jpg" : ext}`;
}

async function reencodeImage(path: string, mime: string, name: string): Promise<Inspected> {
  const format = IMAGE_OUTPUT[mime]!;
  const animated = format === "gif" || format === "webp";
  try {
    // sharp writes no metadata unless asked (withMetadata), so EXIF, GPS, XMP and comments are gone.
    const bytes = await sharp(path, { animated, limitInputPixels: 100_000_000 }).rotate().toFormat(format).toBuffer();
    const thumbnail = await sharp(bytes).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    return { type: `image/${format}`, bytes, thumbnail, name: withExtension(name, format) };
  } catch {
    throw refuse(mime);
  }
}

async function plainText(path: string, name: string): Promise<Inspected> {
  const ext = extname(name).toLowerCase();
  if (!TEXT_EXTENSIONS.has(ext)) throw refuse(ext);
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw refuse("not UTF-8 text");
  }
  if (text.includes("\u0000") || MARKUP.test(text)) throw refuse("markup");
  return { type: ext === ".csv" ? "text/csv" : "text/plain", name };
}

/** Decides what the staged upload is, or refuses it with FILE_TYPE_NOT_ALLOWED (415). */
export async function inspectUpload(path: string, uploadedName: string): Promise<Inspected> {
  const name = cleanName(uploadedName);
  const detected = await fileTypeFromFile(path);
  if (!detected) return plainText(path, name);
  if (IMAGE_OUTPUT[detected.mime]) return reencodeImage(path, detected.mime, name);
  if (DOCUMENT_TYPES.has(detected.mime)) return { type: detected.mime, name: withExtension(name, detected.ext) };
  throw refuse(detected.mime);
}

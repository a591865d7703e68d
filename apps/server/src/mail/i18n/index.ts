// The mail texts per language: one shape, both languages.
import type { Locale } from "@live-chat/protocol";
import { en } from "./en.js";
import { nl } from "./nl.js";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type MailTexts = Widen<typeof en>;

export const MAIL_TEXTS: Record<Locale, MailTexts> = { en, nl };

// The one t() of the inbox and its admin area, over the English and Dutch tables in i18n/.
import type { Locale } from "@live-chat/protocol";
import { en } from "./i18n/en.js";
import { nl } from "./i18n/nl.js";

export type MessageKey = keyof typeof en;

/** A {name} slot in a string, filled by t() from its params. */
const SLOT = /\{(\w+)\}/g;

/** The names of the slots t() fills in `text`, so a test can hold both languages to the same ones. */
export function slotsOf(text: string): string[] {
  return [...text.matchAll(SLOT)].map((match) => match[1]);
}

/** Whether a key that came from elsewhere (a system message's meta) names a string of ours. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export type Translate<K extends string> = (locale: Locale, key: K, params?: Record<string, string | number>) => string;

/** A t() over `tables`: the string for `key` in `locale`, with each {slot} replaced by its param. */
export function translator<K extends string>(tables: Record<Locale, Record<K, string>>): Translate<K> {
  return (locale, key, params = {}) => tables[locale][key].replace(SLOT, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

export const t = translator<MessageKey>({ en, nl });

// The opened chat's strings by language; the launcher's few live in launcher.ts so its chunk stays tiny.
import type { Locale } from "@live-chat/protocol";
import { en, type Strings } from "./en.js";
import { nl } from "./nl.js";

export type { Strings };
export const PANEL_STRINGS: Record<Locale, Strings> = { en, nl };

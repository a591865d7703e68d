// Turns a failed call into a message shown next to the field it concerns, in the admin's language.
import { html, nothing, type LitElement, type TemplateResult } from "lit";
import { ERROR_CODES, ERROR_MESSAGES, type ErrorBody, type Locale } from "@live-chat/protocol";
import { ApiError } from "../api.js";
import { t } from "../i18n.js";

/** A text that can be rendered again in another language (a notice that outlives a language switch). */
export type Localized = (locale: Locale) => string;

export interface FormError {
  field?: string;
  message: string;
  /** The same error in another language, for when the admin switches while it is shown. */
  localize?: (locale: Locale) => FormError;
}

/**
 * Every request names the interface language (X-Locale), so the server's own words are used when
 * they are in it; a code with its field gets the form's own, more precise text. Switched to another
 * language later, the error is rendered again from its code.
 */
export function errorMessage(body: ErrorBody, locale: Locale, spokenIn?: Locale): string {
  if (body.code === "CONFLICT" && body.field === "shortcut") return t(locale, "shortcutTaken");
  if (body.code === "CONFLICT" && body.field === "email") return t(locale, "emailTaken");
  if (body.code === "BAD_REQUEST" && body.field) return t(locale, "invalidField");
  if (body.message && spokenIn === locale) return body.message;
  return (ERROR_CODES as readonly string[]).includes(body.code) ? ERROR_MESSAGES[body.code][locale] : body.message;
}

export function formErrorOf(err: unknown, locale: Locale): FormError {
  const of = (l: Locale): FormError =>
    err instanceof ApiError && err.status !== 0
      ? { field: err.body.field, message: errorMessage(err.body, l, err.locale), localize: of }
      : { message: t(l, "networkError"), localize: of };
  return of(locale);
}

/** An error the form finds itself, worded by `text` in whichever language is shown. */
export function localError(text: (locale: Locale) => string, locale: Locale, field?: string): FormError {
  const of = (l: Locale): FormError => ({ ...(field ? { field } : {}), message: text(l), localize: of });
  return of(locale);
}

/** The error as it reads in `locale` (after a language switch). */
export function inLocale(error: FormError | null, locale: Locale): FormError | null {
  return error?.localize ? error.localize(locale) : error;
}

/** Whether the error concerns this field or something inside it ("businessHours" covers "businessHours.days.mon"). */
export function concerns(error: FormError | null, field: string): boolean {
  const at = error?.field;
  return Boolean(at && (at === field || at.startsWith(`${field}.`)));
}

/** The error under a field, linked to it by id for screen readers. */
export function fieldError(error: FormError | null, field: string, id: string): TemplateResult | typeof nothing {
  return concerns(error, field) ? html`<p class="field-error" id=${id} role="alert">${error!.message}</p>` : nothing;
}

/** Brings the first field the server refused into view and focus, so a long form never hides its error. */
export async function revealError(element: LitElement): Promise<void> {
  await element.updateComplete;
  const root = element.renderRoot;
  const invalid = root.querySelector<HTMLElement>('input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"]');
  const target = invalid ?? root.querySelector<HTMLElement>(".field-error, .error");
  target?.scrollIntoView({ block: "center" });
  invalid?.focus();
}

/** An error that concerns none of the form's fields is shown once, above the buttons. */
export function formLevelError(error: FormError | null, fields: readonly string[]): TemplateResult | typeof nothing {
  if (!error || fields.some((f) => concerns(error, f))) return nothing;
  return html`<p class="error" role="alert">${error.message}</p>`;
}

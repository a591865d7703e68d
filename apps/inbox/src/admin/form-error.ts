// Turns a failed call into a message shown next to the field it concerns, in the admin's language.
import { html, nothing, type LitElement, type TemplateResult } from "lit";
import { ERROR_CODES, ERROR_MESSAGES, type ErrorBody, type Locale } from "@live-chat/protocol";
import { ApiError } from "../api.js";
import { t } from "./i18n.js";

export interface FormError {
  field?: string;
  message: string;
}

/**
 * The server speaks the language stored on the account, which may differ from the one the admin
 * picked in the inbox; the code and field it sends are rendered here in the inbox's language.
 */
export function errorMessage(body: ErrorBody, locale: Locale): string {
  if (body.code === "CONFLICT" && body.field === "shortcut") return t(locale, "shortcutTaken");
  if (body.code === "CONFLICT" && body.field === "email") return t(locale, "emailTaken");
  if (body.code === "BAD_REQUEST" && body.field) return t(locale, "invalidField");
  return (ERROR_CODES as readonly string[]).includes(body.code) ? ERROR_MESSAGES[body.code][locale] : body.message;
}

export function formErrorOf(err: unknown, locale: Locale): FormError {
  if (err instanceof ApiError && err.status !== 0) return { field: err.body.field, message: errorMessage(err.body, locale) };
  return { message: t(locale, "networkError") };
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

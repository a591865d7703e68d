// What every element of the opened chat shares: the form controls' look, defining an element once,
// and raising an event to the panel, so each element file holds only what is its own.
import { css, type LitElement } from "lit";
import type { Locale } from "@live-chat/protocol";

/** Raises `type` from `element` for the panel (or the launcher around it) to act on. */
export function emit<T>(element: HTMLElement, type: string, detail?: T): void {
  element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** The script may be included twice: every element is defined once. */
export function define(tag: string, element: typeof LitElement): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

const CLOCK_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The time of day in the visitor's language ("14:05", "2:05 PM"). */
export function clock(locale: Locale, iso: string): string {
  let f = CLOCK_FORMATS.get(locale);
  if (!f) CLOCK_FORMATS.set(locale, (f = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" })));
  return f.format(new Date(iso));
}

// Colours: text #111827 / muted #4b5563 on white and #f3f4f6 keep AA contrast; the accent's text
// colour is chosen by the launcher (theme.ts) and inherited as --lc-on-accent.
// Hosts take no box of their own, so the panel's column lays out their contents as before the split.
export const controls = css`
  :host {
    display: contents;
  }
  * {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 8px;
    border: 1px solid #9ca3af;
    background: #fff;
    color: #111827;
    padding: 6px 12px;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--lc-accent);
    outline-offset: 2px;
  }
  button.primary {
    background: var(--lc-accent);
    color: var(--lc-on-accent, #fff);
    border-color: transparent;
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  input,
  textarea {
    width: 100%;
    font: inherit;
    font-weight: 400;
    color: inherit;
    border: 1px solid #9ca3af;
    border-radius: 8px;
    padding: 7px 9px;
    background: #fff;
  }
  textarea {
    resize: none;
  }
  /* 16px fields keep iOS from zooming in on focus. */
  @media (max-width: 480px) {
    input,
    textarea {
      font-size: 16px;
    }
  }
`;

// The admin screens' look; colours come from the inbox's custom properties, which cross the shadow boundary.
import { css } from "lit";

export const adminStyles = css`
  :host { display: block; color: var(--lc-text, #1c2430); max-width: 1100px; }
  * { box-sizing: border-box; }
  h2 { font-size: 1.35em; margin: 0 0 4px; }
  h3 { font-size: 1.1em; margin: 0 0 10px; }
  p.intro { color: var(--lc-muted, #5b6676); margin: 0 0 16px; }
  button, select, input, textarea { font: inherit; color: inherit; }
  button {
    border: 1px solid var(--lc-border, #d8dce3); background: var(--lc-surface, #fff);
    border-radius: 6px; padding: 6px 12px; cursor: pointer;
  }
  button:hover:not(:disabled) { border-color: var(--live-chat-accent, #1f6feb); }
  button:disabled { opacity: 0.5; cursor: default; }
  button.primary { background: var(--live-chat-accent, #1f6feb); color: var(--lc-accent-text, #fff); border-color: var(--live-chat-accent, #1f6feb); }
  button.danger { color: var(--lc-red, #b42318); }
  button.small { padding: 3px 8px; font-size: 0.9em; }
  input, select, textarea {
    border: 1px solid var(--lc-border, #d8dce3); border-radius: 6px; padding: 6px 8px; background: var(--lc-surface, #fff);
  }
  input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"], fieldset[aria-invalid="true"] {
    border-color: var(--lc-red, #b42318);
  }
  :focus-visible { outline: none; box-shadow: 0 0 0 3px color-mix(in srgb, var(--live-chat-accent, #1f6feb) 45%, transparent); }
  textarea { width: 100%; min-height: 120px; resize: vertical; line-height: 1.4; }
  .card {
    background: var(--lc-surface, #fff); border: 1px solid var(--lc-border, #d8dce3);
    border-radius: var(--lc-radius, 8px); padding: 16px; margin-bottom: 16px;
  }
  .toolbar { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin-bottom: 12px; }
  .toolbar .spacer { flex: 1; }
  .field { display: grid; gap: 4px; margin-bottom: 12px; }
  .field > label, .field > span.label, legend { font-weight: 600; font-size: 0.92em; }
  .inline { display: flex; gap: 6px; align-items: center; }
  fieldset { border: 1px solid var(--lc-border, #d8dce3); border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
  fieldset.checks { display: flex; flex-wrap: wrap; gap: 4px 16px; }
  .help { color: var(--lc-muted, #5b6676); font-size: 0.85em; margin: 0; }
  .field-error, .error {
    color: var(--lc-red, #b42318); background: var(--lc-red-bg, #fde8e6); padding: 4px 8px; border-radius: 6px; font-size: 0.9em; margin: 0;
  }
  .warning { color: var(--lc-amber, #9a5b00); background: var(--lc-amber-bg, #fff3d6); padding: 4px 8px; border-radius: 6px; font-size: 0.9em; margin: 0; }
  .notice { color: var(--lc-green, #1a7f37); margin: 0 0 12px; }
  table { width: 100%; border-collapse: collapse; background: var(--lc-surface, #fff); }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--lc-border, #d8dce3); vertical-align: top; }
  th { font-size: 0.85em; color: var(--lc-muted, #5b6676); font-weight: 600; }
  .row-actions { display: flex; gap: 6px; flex-wrap: wrap; }
  .tag {
    display: inline-block; font-size: 0.8em; padding: 1px 8px; border-radius: 999px; margin: 0 4px 2px 0;
    background: color-mix(in srgb, var(--live-chat-accent, #1f6feb) 12%, transparent);
  }
  .muted { color: var(--lc-muted, #5b6676); }
  code, kbd { font-family: ui-monospace, monospace; font-size: 0.9em; }
  .grid2 { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; }
  @media (max-width: 800px) { .grid2 { grid-template-columns: 1fr; } }
  dialog { border: 1px solid var(--lc-border, #d8dce3); border-radius: var(--lc-radius, 8px); padding: 20px; max-width: 460px; }
  dialog::backdrop { background: rgb(0 0 0 / 0.3); }
  dialog .buttons, .buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
`;

import { css } from "lit";
import { visuallyHidden } from "../shared-styles.js";

// Colours: text #111827 / muted #4b5563 on white and #f3f4f6 keep AA contrast; the accent's text
// colour is chosen by the launcher (theme.ts) and inherited as --lc-on-accent.
export const panelStyles = [
  visuallyHidden,
  css`
  :host {
    all: initial;
  }
  :host([hidden]) {
    display: none;
  }
  .panel {
    position: fixed;
    bottom: 88px;
    right: 20px;
    width: 370px;
    height: min(620px, calc(100vh - 110px));
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    background: #fff;
    color: #111827;
    font: 14px/1.45 var(--lc-font);
    border-radius: var(--lc-radius);
    box-shadow: 0 10px 40px rgb(0 0 0 / 0.22);
    overflow: hidden;
    outline: none;
    animation: rise 0.18s ease-out;
  }
  .panel.left {
    right: auto;
    left: 20px;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  * {
    box-sizing: border-box;
  }
  header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 12px 8px 12px 16px;
    background: var(--lc-accent);
    color: var(--lc-on-accent, #fff);
  }
  .heading {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  header p {
    margin: 2px 0 0;
    font-size: 13px;
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
  a:focus-visible,
  .stars input:focus-visible + span {
    outline: 3px solid var(--lc-accent);
    outline-offset: 2px;
  }
  header button:focus-visible {
    outline-color: var(--lc-on-accent, #fff);
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
  button.icon {
    border: 0;
    background: transparent;
    color: inherit;
    padding: 6px;
    display: grid;
  }
  button.link {
    border: 0;
    padding: 0 2px;
    background: none;
    color: #b91c1c;
    text-decoration: underline;
  }
  svg {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .banner {
    margin: 0;
    padding: 8px 16px;
    background: #fef3c7;
    color: #78350f;
    font-size: 13px;
  }
  .confirm,
  .ended,
  .notice {
    padding: 12px 16px;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .confirm {
    background: #f3f4f6;
  }
  .ended {
    border-top: 1px solid #e5e7eb;
  }
  .confirm p,
  .ended p {
    margin: 0;
    flex-basis: 100%;
  }
  .messages {
    flex: 1;
    overflow-y: auto;
    margin: 0;
    padding: 16px;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 85%;
  }
  .msg.own {
    align-self: flex-end;
    align-items: flex-end;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 14px;
    background: #f3f4f6;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .own .bubble {
    background: var(--lc-accent);
    color: var(--lc-on-accent, #fff);
  }
  .bubble a {
    color: inherit;
    text-decoration: underline;
  }
  .pending .bubble {
    opacity: 0.75;
  }
  .failed .bubble {
    outline: 2px solid #b91c1c;
  }
  .author,
  .meta,
  .typing,
  .queue,
  .system {
    font-size: 12px;
    color: #4b5563;
  }
  .system {
    align-self: center;
    text-align: center;
    max-width: 90%;
  }
  .choices {
    display: flex;
    gap: 6px;
    margin-top: 6px;
  }
  .typing,
  .queue {
    margin: 0;
    padding: 4px 16px;
  }
  .queue {
    background: #eff6ff;
    color: #1e3a8a;
    padding: 8px 16px;
  }
  .queue p {
    margin: 0;
  }
  .queue button {
    margin-top: 6px;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .composer {
    border-top: 1px solid #e5e7eb;
    padding: 10px 12px;
  }
  .intro {
    display: flex;
    gap: 8px;
  }
  .intro label {
    flex: 1;
    font-size: 12px;
    color: #4b5563;
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: flex-end;
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
  .offline,
  .ended form {
    padding: 16px;
    overflow-y: auto;
  }
  .ended form {
    padding: 0;
    width: 100%;
  }
  .offline label,
  .ended label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 600;
  }
  .offline label.check {
    flex-direction: row;
    align-items: center;
    gap: 8px;
    font-weight: 400;
  }
  .check input {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--lc-accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .notice {
    margin: 0;
    padding: 0;
    color: #374151;
  }
  div.notice {
    padding: 16px;
  }
  .error {
    margin: 0;
    padding: 8px 16px;
    color: #991b1b;
    background: #fee2e2;
  }
  .stars {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    gap: 2px;
  }
  .stars legend {
    padding: 0 0 6px;
    font-weight: 600;
  }
  .ended .stars label {
    position: relative;
    font-size: 28px;
    color: #6b7280;
    cursor: pointer;
  }
  .stars label.on {
    color: #b45309;
  }
  .stars input {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
  }
  /* Full screen on a phone; 16px fields keep iOS from zooming in on focus. */
  @media (max-width: 480px) {
    .panel,
    .panel.left {
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: 0;
    }
    input,
    textarea {
      font-size: 16px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel {
      animation: none;
    }
  }
`,
];

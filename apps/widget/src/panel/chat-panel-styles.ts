// The panel's own look: where it sits, its size (full screen on a phone), and the banner, typing line and
// error it shows around its child elements, which carry their own styles.
import { css } from "lit";
import { visuallyHidden } from "../shared-styles.js";
import { controls } from "./part.js";

export const panelStyles = [
    visuallyHidden,
    controls,
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
      .banner {
        margin: 0;
        padding: 8px 16px;
        background: #fef3c7;
        color: #78350f;
        font-size: 13px;
      }
      .typing {
        margin: 0;
        padding: 4px 16px;
        font-size: 12px;
        color: #4b5563;
      }
      .error {
        margin: 0;
        padding: 8px 16px;
        color: #991b1b;
        background: #fee2e2;
      }
      /* Full screen on a phone. */
      @media (max-width: 480px) {
        .panel,
        .panel.left {
          inset: 0;
          width: 100%;
          height: 100%;
          border-radius: 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .panel {
          animation: none;
        }
      }
    `,
  ];

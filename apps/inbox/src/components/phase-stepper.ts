// The five phases of the method as a stepper; the server keeps the phase, a click asks it to move.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { PHASES, PHASE_GUIDANCE, PHASE_LABELS, phaseIndex, type Locale, type Phase } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-phase-stepper")
export class PhaseStepper extends LightElement {
  @property() phase: Phase = "opening";
  @property() locale: Locale = "en";
  @property({ type: Boolean }) disabled = false;

  private choose(phase: Phase): void {
    if (phase !== this.phase) this.dispatchEvent(new CustomEvent<Phase>("phase-chosen", { detail: phase, bubbles: true }));
  }

  protected override render() {
    const l = this.locale;
    const current = phaseIndex(this.phase);
    return html`
      <nav class="stepper" aria-label=${t(l, "phaseStepper")}>
        <ol>
          ${PHASES.map(
            (phase, i) => html`<li class=${i < current ? "done" : i === current ? "current" : "todo"}>
              <button type="button" aria-current=${i === current ? "step" : "false"} ?disabled=${this.disabled} @click=${() => this.choose(phase)}>
                <span class="step-number" aria-hidden="true">${i + 1}</span>${PHASE_LABELS[l][phase]}
              </button>
            </li>`,
          )}
        </ol>
      </nav>
      <p class="guidance"><strong>${t(l, "phaseGuidance")}:</strong> ${PHASE_GUIDANCE[l][this.phase]}</p>
    `;
  }
}

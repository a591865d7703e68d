// Spells a name or code in the NATO or the Dutch alphabet, ready to insert into the reply.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { spellOut, type Locale, type SpellingAlphabet } from "@live-chat/protocol";
import { t } from "../i18n.js";
import { LightElement } from "./light-element.js";

@customElement("lc-spelling-tool")
export class SpellingTool extends LightElement {
  @property() locale: Locale = "en";
  /** The chat's language: the spelling is written for the customer. */
  @property() chatLocale: Locale = "en";
  @state() private text = "";
  @state() private alphabet: SpellingAlphabet | null = null;

  protected override render() {
    const l = this.locale;
    const alphabet = this.alphabet ?? (this.chatLocale === "nl" ? "nl" : "nato");
    const spelled = this.text.trim() ? spellOut(this.text, alphabet, this.chatLocale) : "";
    return html`
      <fieldset class="spelling">
        <legend>${t(l, "spelling")}</legend>
        <label for="spelling-input">${t(l, "spellingInput")}</label>
        <input id="spelling-input" .value=${this.text} @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)} autocomplete="off" />
        <label for="spelling-alphabet">${t(l, "alphabet")}</label>
        <select id="spelling-alphabet" @change=${(e: Event) => (this.alphabet = (e.target as HTMLSelectElement).value as SpellingAlphabet)}>
          <option value="nato" ?selected=${alphabet === "nato"}>${t(l, "alphabet_nato")}</option>
          <option value="nl" ?selected=${alphabet === "nl"}>${t(l, "alphabet_nl")}</option>
        </select>
        <output for="spelling-input spelling-alphabet" aria-live="polite">${spelled}</output>
        <button
          type="button"
          ?disabled=${!spelled}
          @click=${() => this.dispatchEvent(new CustomEvent<string>("insert-text", { detail: spelled, bubbles: true }))}
        >
          ${t(l, "insert")}
        </button>
      </fieldset>
    `;
  }
}

// The inbox renders into the light DOM: one stylesheet, native label/for links, and text
// selection in the transcript that document.getSelection() can read.
import { LitElement } from "lit";

export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

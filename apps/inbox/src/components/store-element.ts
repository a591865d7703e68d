// An element that shows part of the inbox store and re-renders whenever it changes.
import type { PropertyValues } from "lit";
import { property } from "lit/decorators.js";
import type { InboxStore } from "../store/index.js";
import { StoreController } from "../store-controller.js";
import { LightElement } from "./light-element.js";

export class StoreElement extends LightElement {
  @property({ attribute: false }) store!: InboxStore;
  private readonly storeController = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("store")) this.storeController.bind(this.store);
  }
}

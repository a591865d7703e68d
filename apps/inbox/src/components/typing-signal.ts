// Tells the visitor that the operator is typing: repeated while keys are pressed, and stopped after
// a pause, on sending or on leaving the box, so the visitor never sees a stale "typing…".
const TYPING_REPEAT_MS = 2000;
const TYPING_IDLE_MS = 3000;

export class TypingSignal {
  #sentAt = 0;
  #idle: ReturnType<typeof setTimeout> | null = null;
  readonly #send: (typing: boolean) => void;

  constructor(send: (typing: boolean) => void) {
    this.#send = send;
  }

  typed(): void {
    const now = Date.now();
    if (now - this.#sentAt > TYPING_REPEAT_MS) {
      this.#send(true);
      this.#sentAt = now;
    }
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  stop(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (this.#sentAt) this.#send(false);
    this.#sentAt = 0;
  }
}

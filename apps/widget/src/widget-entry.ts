import { LiveChatWidget } from "./live-chat-widget.js";

// The script may be included twice (or from two URLs): define the element only once.
if (!customElements.get("live-chat-widget")) customElements.define("live-chat-widget", LiveChatWidget);

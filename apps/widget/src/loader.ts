// The classic script a site embeds. It only finds its own URL and loads the ES module entry beside it,
// so the page pays for the launcher alone; the browser evaluates that module once however often this runs.
// The build names the content-hashed entry module here.
declare const __WIDGET_ENTRY__: string;

const script = document.currentScript as HTMLScriptElement | null;
if (!customElements.get("live-chat-widget")) {
  void import(new URL(__WIDGET_ENTRY__, script?.src || location.href).href);
}

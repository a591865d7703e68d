// Notices the page the visitor is on: the first load and every History API change of a single-page
// site (pushState, replaceState, back/forward), debounced so a router's burst counts once. Part of
// the launcher, so it stays dependency-free and small; what it reports goes nowhere else.
export interface PageSeen {
  url: string;
  title?: string;
}

const DEBOUNCE_MS = 300;
const CHANGED = "live-chat:navigated";
const MAX_URL = 2048;
const MAX_TITLE = 300;

let patched = false;

/** Wraps history.pushState/replaceState once per page, so several widgets or a second script share it. */
function patchHistory(): void {
  if (patched) return;
  patched = true;
  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
      const result = original.apply(this, args);
      dispatchEvent(new Event(CHANGED));
      return result;
    };
  }
}

/** Calls `seen` with the current page now and after each change; returns how to stop. */
export function watchPages(seen: (page: PageSeen) => void): () => void {
  patchHistory();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = "";
  const report = () => {
    const url = location.href.slice(0, MAX_URL);
    const title = document.title.trim().slice(0, MAX_TITLE) || undefined;
    const key = `${url} ${title ?? ""}`;
    if (key === last) return;
    last = key;
    seen({ url, ...(title ? { title } : {}) });
  };
  // A router often sets the title just after the URL: wait for both to settle.
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(report, DEBOUNCE_MS);
  };
  addEventListener(CHANGED, later);
  addEventListener("popstate", later);
  report();
  return () => {
    clearTimeout(timer);
    removeEventListener(CHANGED, later);
    removeEventListener("popstate", later);
  };
}

// A single-page site in miniature: the links change the address with pushState, not by loading a page.
const TITLES = { home: "Demo shop: live chat widget", delivery: "Delivery and returns: demo shop" };
function show() {
  const page = new URLSearchParams(location.search).get("page") === "delivery" ? "delivery" : "home";
  for (const el of document.querySelectorAll("[data-page]")) el.hidden = el.dataset.page !== page;
  document.title = TITLES[page];
}
document.querySelector("nav").addEventListener("click", (event) => {
  const link = event.target.closest("a");
  if (!link) return;
  event.preventDefault();
  history.pushState(null, "", link.href);
  show();
});
addEventListener("popstate", show);
show();

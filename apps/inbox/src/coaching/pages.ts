// Where the coaching screens live in the inbox's address bar: past chats, one chat's review, my reviews.
/** Past chats may open narrowed to one contact reason (a link from Reports). */
export type CoachingPage = { page: "past-chats"; reason?: string } | { page: "my-reviews" } | { page: "review"; conversationId: string };

export function coachingPageFromPath(path: string, search = ""): CoachingPage | null {
  if (path === "/inbox/past-chats") {
    const reason = new URLSearchParams(search).get("reason");
    return reason ? { page: "past-chats", reason } : { page: "past-chats" };
  }
  if (path === "/inbox/reviews") return { page: "my-reviews" };
  const review = /^\/inbox\/review\/([\w-]+)$/.exec(path);
  return review ? { page: "review", conversationId: review[1] } : null;
}

export function pathOf(page: CoachingPage): string {
  switch (page.page) {
    case "past-chats":
      return page.reason ? `/inbox/past-chats?${new URLSearchParams({ reason: page.reason })}` : "/inbox/past-chats";
    case "my-reviews":
      return "/inbox/reviews";
    case "review":
      return `/inbox/review/${encodeURIComponent(page.conversationId)}`;
  }
}

/** A link inside the coaching screens asks the shell to go there (history and all) instead of reloading. */
export function followLink(event: Event, page: CoachingPage): void {
  event.preventDefault();
  event.target?.dispatchEvent(new CustomEvent<CoachingPage>("coaching-navigate", { detail: page, bubbles: true, composed: true }));
}

/** Whoever coaches the team: leads and admins review any chat; operators read their own. */
export function isReviewer(role: string | undefined): boolean {
  return role === "lead" || role === "admin";
}

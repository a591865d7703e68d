// The coaching screens live in the address bar, so a reload or the back button lands on the same screen:
// past conversations with their reason filter, one chat's review, my reviews; anything else is not a coaching page.
import { describe, expect, it } from "vitest";
import { coachingPageFromPath, isReviewer, pathOf, type CoachingPage } from "../../apps/inbox/src/coaching/pages.js";

describe("coaching pages in the address bar", () => {
  it("read back every page they write", () => {
    const pages: CoachingPage[] = [{ page: "past-chats" }, { page: "past-chats", reason: "cr_1 x" }, { page: "my-reviews" }, { page: "review", conversationId: "cmabc123" }];
    for (const page of pages) {
      const url = new URL(pathOf(page), "http://inbox.test");
      expect(coachingPageFromPath(url.pathname, url.search)).toEqual(page);
    }
  });

  it("leave other addresses to the rest of the inbox", () => {
    for (const path of ["/inbox", "/inbox/admin/reports", "/inbox/review/", "/inbox/review/a/b", "/inbox/reviews/x"]) expect(coachingPageFromPath(path)).toBeNull();
    expect(coachingPageFromPath("/inbox/past-chats", "?reason=")).toEqual({ page: "past-chats" });
  });

  it("let leads and admins review, not operators", () => {
    expect([isReviewer("lead"), isReviewer("admin"), isReviewer("operator"), isReviewer(undefined)]).toEqual([true, true, false, false]);
  });
});

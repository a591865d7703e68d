// The coaching screens' HTTP calls: past chats, the review of one chat, review notes, the caller's own reviews.
import type { ChatReview, ContactReason, Conversation, Message, ReviewNote } from "@live-chat/protocol";
import { request } from "../api.js";

/** A chat as `GET /api/conversations` lists it, with its times. */
export type PastChat = Conversation & { timestamps: { createdAt: string; closedAt: string | null } };

export class CoachingApi {
  constructor(private readonly token: string) {}

  private request<T>(path: string, method = "GET", body?: unknown): Promise<T> {
    return request<T>(path, { method, body, token: this.token });
  }

  /** Closed chats, newest first; only those with `reason` when given. */
  pastChats(reason: string): Promise<PastChat[]> {
    return this.request(`/api/conversations?${new URLSearchParams({ status: "closed", limit: "200", ...(reason ? { reason } : {}) })}`);
  }
  /** Every contact reason, retired ones included: old chats may carry those. */
  contactReasons(): Promise<ContactReason[]> {
    return this.request("/api/contact-reasons?all=true");
  }
  review(conversationId: string): Promise<ChatReview> {
    return this.request(`/api/conversations/${encodeURIComponent(conversationId)}/review`);
  }
  transcript(conversationId: string): Promise<Message[]> {
    return this.request(`/api/conversations/${encodeURIComponent(conversationId)}/messages?limit=1000`);
  }
  addNote(conversationId: string, note: string, score: number): Promise<ReviewNote> {
    return this.request(`/api/conversations/${encodeURIComponent(conversationId)}/review-notes`, "POST", { note, score });
  }
  myReviews(): Promise<ReviewNote[]> {
    return this.request("/api/reviews/mine");
  }
}

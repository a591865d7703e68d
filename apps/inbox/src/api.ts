// The inbox's HTTP calls. Errors arrive as the server's { error: { code, message } }.
import { ERROR_MESSAGES, type CannedReply, type ContactReason, type ErrorBody, type LiveVisitor, type VisitorConversation, type FollowUp, type FollowUpChannel, type InvitationInfo, type Locale, type Message, type OfflineMessage, type Phase, type User } from "@live-chat/protocol";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    /** The language the request asked the server to answer in. */
    readonly locale?: Locale,
  ) {
    super(body.message);
  }
}

/** The interface language every request names, so the server's errors speak it. */
let interfaceLocale: Locale | undefined;

/** Sets the language sent as X-Locale (and Accept-Language) with every request from now on. */
export function setRequestLocale(locale: Locale): void {
  interfaceLocale = locale;
}

/** What went wrong: the server's words when they are in `locale`, else ours. */
export function describeError(err: unknown, locale: Locale): string {
  const body = err instanceof ApiError ? err.body : null;
  if (body?.message && (err as ApiError).locale === locale) return body.message;
  return (ERROR_MESSAGES[body?.code ?? "INTERNAL"] as Record<Locale, string> | undefined)?.[locale] || body?.message || ERROR_MESSAGES.INTERNAL[locale];
}

/** A same-origin JSON call; status 0 means the server was not reached. */
export async function request<T>(path: string, init: { method?: string; token?: string | null; body?: unknown; locale?: Locale } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const locale = init.locale ?? interfaceLocale;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (locale) {
    // X-Locale is what the server reads first; Accept-Language says the same in the standard header.
    headers["x-locale"] = locale;
    headers["accept-language"] = locale;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, { code: "INTERNAL", message: "" }, locale);
  }
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (parsed as { error?: ErrorBody } | undefined)?.error;
    throw new ApiError(res.status, error ?? { code: "INTERNAL", message: "" }, locale);
  }
  return parsed as T;
}

export function login(email: string, password: string, locale: Locale): Promise<{ token: string; user: User }> {
  return request("/api/auth/login", { body: { email, password }, locale });
}

/** Who an invitation or reset link is for; 410 INVITATION_INVALID when it is used, expired or replaced. */
export function invitationInfo(token: string): Promise<InvitationInfo> {
  return request(`/api/invitations/${encodeURIComponent(token)}`);
}

/** Chooses the password with the link, which uses it up; answers like login. */
export function acceptInvitation(token: string, password: string): Promise<{ token: string; user: User }> {
  return request(`/api/invitations/${encodeURIComponent(token)}`, { body: { password } });
}

export function logout(token: string): Promise<void> {
  return request("/api/auth/logout", { method: "POST", token });
}

export function me(token: string): Promise<User> {
  return request("/api/me", { token });
}

/** Stores the operator's interface language on their account: the server's errors speak it from then on. */
export function saveMyLocale(token: string, locale: Locale): Promise<User> {
  return request("/api/me", { method: "PATCH", token, body: { locale }, locale });
}

/** The name visitors see, chosen by the user themselves (the first admin is asked at sign-in). */
export function saveMyName(token: string, name: string, locale: Locale): Promise<User> {
  return request("/api/me", { method: "PATCH", token, body: { name }, locale });
}

export function cannedReplies(token: string, phase: Phase, locale: Locale): Promise<CannedReply[]> {
  const query = new URLSearchParams({ phase, locale });
  return request(`/api/canned-replies?${query}`, { token });
}

/** The newest `limit` messages with seq below `beforeSeq`, in seq order. */
export function olderMessages(token: string, conversationId: string, beforeSeq: number, limit: number): Promise<Message[]> {
  const query = new URLSearchParams({ afterSeq: "0", beforeSeq: String(beforeSeq), limit: String(limit) });
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/messages?${query}`, { token });
}

export function offlineMessages(token: string): Promise<OfflineMessage[]> {
  return request("/api/offline-messages", { token });
}

export function markOfflineHandled(token: string, id: string): Promise<OfflineMessage> {
  return request(`/api/offline-messages/${encodeURIComponent(id)}/handled`, { method: "POST", token, body: { handled: true } });
}

/** What an operator promises in a chat: `dueAt` is an ISO time with offset; a callback needs `phone`. */
export interface FollowUpInput {
  channel: FollowUpChannel;
  dueAt: string;
  phone?: string;
  note: string;
}

/** Records a promise in the chat; 400 names the field at fault, 403 NOT_ASSIGNED when it is not one's chat. */
export function promiseFollowUp(token: string, conversationId: string, input: FollowUpInput): Promise<FollowUp> {
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/follow-ups`, { token, body: input });
}

/** The team's follow-ups; open ones in order of when they are due. */
export function followUps(token: string, status: "open" | "done" | "all" = "open"): Promise<FollowUp[]> {
  return request(`/api/follow-ups?${new URLSearchParams({ status })}`, { token });
}

export function conversationFollowUps(token: string, conversationId: string): Promise<FollowUp[]> {
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/follow-ups`, { token });
}

export function markFollowUpDone(token: string, id: string, done: boolean): Promise<FollowUp> {
  return request(`/api/follow-ups/${encodeURIComponent(id)}/done`, { token, body: { done } });
}

/** Answers an offline message by e-mail; the server queues the mail and marks the message answered. */
export function replyToOfflineMessage(token: string, id: string, body: string): Promise<OfflineMessage> {
  return request(`/api/offline-messages/${encodeURIComponent(id)}/reply`, { method: "POST", token, body: { body } });
}

/** Keeps an e-mail follow-up by mailing the visitor; the server marks it done. */
export function replyToFollowUp(token: string, id: string, body: string): Promise<FollowUp> {
  return request(`/api/follow-ups/${encodeURIComponent(id)}/reply`, { method: "POST", token, body: { body } });
}

/** Every contact reason, retired ones too: a chat may still carry a retired one. */
export function contactReasons(token: string): Promise<ContactReason[]> {
  return request("/api/contact-reasons?all=true", { token });
}

/** Asks for a reset link by mail; answers the same whether or not the address has an account (429 when asked too often). */
export function requestPasswordReset(email: string, locale: Locale): Promise<void> {
  return request("/api/auth/password-reset", { body: { email }, locale });
}

/** Sets the new password with a reset link, which uses it up; 400 RESET_LINK_INVALID when it is used or expired. */
export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return request("/api/auth/password-reset/confirm", { body: { token, password } });
}

/** Mails a chat's transcript (never the notes) to `email`, or to the visitor's own address. */
export function mailTranscript(token: string, conversationId: string, email?: string): Promise<{ id: string; to: string }> {
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/transcript/email`, { token, body: email ? { email } : {} });
}

export function mailPreferences(token: string): Promise<{ unansweredAlerts: boolean }> {
  return request("/api/me/mail-preferences", { token });
}

export function saveMailPreferences(token: string, unansweredAlerts: boolean): Promise<{ unansweredAlerts: boolean }> {
  return request("/api/me/mail-preferences", { method: "PUT", token, body: { unansweredAlerts } });
}

/** Who is on the site now, across the cluster. */
export function liveVisitors(token: string): Promise<LiveVisitor[]> {
  return request("/api/visitors/live", { token });
}

/** A visitor's conversations, newest first. */
export function visitorConversations(token: string, visitorId: string): Promise<VisitorConversation[]> {
  return request(`/api/visitors/${encodeURIComponent(visitorId)}/conversations`, { token });
}

/** A whole transcript (up to 1,000 messages), for reading an earlier conversation. */
export function transcriptMessages(token: string, conversationId: string): Promise<Message[]> {
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/messages?limit=1000`, { token });
}

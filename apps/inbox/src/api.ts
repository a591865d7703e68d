// The inbox's HTTP calls. Errors arrive as the server's { error: { code, message } }.
import { ERROR_MESSAGES, type CannedReply, type ErrorBody, type Locale, type Message, type OfflineMessage, type Phase, type User } from "@live-chat/protocol";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

/** What went wrong, in the server's words when it gave them, else in ours. */
export function describeError(err: unknown, locale: Locale): string {
  const body = err instanceof ApiError ? err.body : null;
  return body?.message || ERROR_MESSAGES[body?.code ?? "INTERNAL"][locale];
}

/** A same-origin JSON call; status 0 means the server was not reached. */
export async function request<T>(path: string, init: { method?: string; token?: string | null; body?: unknown; locale?: Locale } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.locale) headers["accept-language"] = init.locale;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, { code: "INTERNAL", message: "" });
  }
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (parsed as { error?: ErrorBody } | undefined)?.error;
    throw new ApiError(res.status, error ?? { code: "INTERNAL", message: "" });
  }
  return parsed as T;
}

export function login(email: string, password: string, locale: Locale): Promise<{ token: string; user: User }> {
  return request("/api/auth/login", { body: { email, password }, locale });
}

export function logout(token: string): Promise<void> {
  return request("/api/auth/logout", { method: "POST", token });
}

export function me(token: string): Promise<User> {
  return request("/api/me", { token });
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

export function markOfflineHandled(token: string, id: string): Promise<unknown> {
  return request(`/api/offline-messages/${encodeURIComponent(id)}/handled`, { method: "POST", token });
}

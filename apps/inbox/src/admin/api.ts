// The admin area's HTTP calls: same origin, bearer token, errors in the admin's language (request()
// names the interface language on every call, so switching it needs no new AdminApi and no reload).
import type {
  AuditEntry,
  CannedReply,
  CannedReplyImportResult,
  CannedReplyInput,
  ContactReason,
  DailyFigures,
  ErrorBody,
  Heatmap,
  InvitationLink,
  Locale,
  MailItem,
  MailPreview,
  MailTemplateName,
  MailStatusSummary,
  OperatorReport,
  ReportSummary,
  ServiceTarget,
  Settings,
  User,
} from "@live-chat/protocol";
import { ApiError, request } from "../api.js";
import { uploadFile, type ChosenFile } from "../uploads.js";

export type UserFields = { email: string; name: string; role: User["role"]; maxChats?: number; locale?: Locale };
/** A new user gets a password now, or a one-time link with which they choose one. */
export type NewUser = UserFields & ({ password: string; invite?: never } | { invite: true; password?: never });
export type UserPatch = Partial<UserFields> & { password?: string; active?: boolean };
export type CreatedUser = User & { invitation?: InvitationLink };
/** The tables the reports export as CSV. */
export type ReportTable = "summary" | "targets" | "operators" | "reasons" | "heatmap" | "daily" | "chats";
export type CannedReplyPatch = Partial<Omit<CannedReplyInput, "shortcut" | "checklistItem">> & {
  shortcut?: string | null;
  checklistItem?: CannedReplyInput["checklistItem"] | null;
};

/** A report's query; an empty contact reason means every chat. */
function reportQuery(params: Record<string, string>): URLSearchParams {
  return new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ""));
}

export class AdminApi {
  constructor(private readonly token: string) {}

  private request<T>(path: string, method = "GET", body?: unknown): Promise<T> {
    return request<T>(path, { method, body, token: this.token });
  }

  cannedReplies(filter: { phase?: string; locale?: string; q?: string }): Promise<CannedReply[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return this.request(`/api/canned-replies?${query}`);
  }
  createCannedReply(input: CannedReplyInput): Promise<CannedReply> {
    return this.request("/api/canned-replies", "POST", input);
  }
  updateCannedReply(id: string, patch: CannedReplyPatch): Promise<CannedReply> {
    return this.request(`/api/canned-replies/${encodeURIComponent(id)}`, "PATCH", patch);
  }
  deleteCannedReply(id: string): Promise<void> {
    return this.request(`/api/canned-replies/${encodeURIComponent(id)}`, "DELETE");
  }
  /** The file a reply sends along (an upload of the team's not sent in any chat), or none. */
  setCannedReplyAttachment(id: string, attachmentId: string | null): Promise<CannedReply> {
    return this.request(`/api/canned-replies/${encodeURIComponent(id)}/attachment`, "PUT", { attachmentId });
  }
  uploadFile(chosen: ChosenFile, locale: Locale, onProgress: () => void) {
    return uploadFile(this.token, chosen, locale, onProgress);
  }
  exportCannedReplies(): Promise<CannedReplyInput[]> {
    return this.request("/api/canned-replies/export");
  }
  importCannedReplies(entries: unknown[]): Promise<CannedReplyImportResult> {
    return this.request("/api/canned-replies/import", "POST", entries);
  }

  users(): Promise<User[]> {
    return this.request("/api/users");
  }
  createUser(input: NewUser): Promise<CreatedUser> {
    return this.request("/api/users", "POST", input);
  }
  /** A new sign-in link: the invitation again, or a password reset; earlier unused links stop working. */
  newInvitation(id: string): Promise<InvitationLink> {
    return this.request(`/api/users/${encodeURIComponent(id)}/invitation`, "POST", {});
  }
  updateUser(id: string, patch: UserPatch): Promise<User> {
    return this.request(`/api/users/${encodeURIComponent(id)}`, "PATCH", patch);
  }
  deactivateUser(id: string): Promise<void> {
    return this.request(`/api/users/${encodeURIComponent(id)}`, "DELETE");
  }

  settings(): Promise<Settings> {
    return this.request("/api/settings");
  }
  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.request("/api/settings", "PATCH", patch);
  }

  audit(entity?: string, limit = 200): Promise<AuditEntry[]> {
    const query = new URLSearchParams({ limit: String(limit), ...(entity ? { entity } : {}) });
    return this.request(`/api/audit?${query}`);
  }

  reportSummary(from: string, to: string, reason = ""): Promise<ReportSummary> {
    return this.request(`/api/reports/summary?${reportQuery({ from, to, reason })}`);
  }
  /** The same figures per operator: the chats that ended with them and the promises they made. */
  reportOperators(from: string, to: string, reason = ""): Promise<{ from: string; to: string; operators: OperatorReport[] }> {
    return this.request(`/api/reports/operators?${reportQuery({ from, to, reason })}`);
  }

  /** Whether mail can leave (SMTP_URL set) and what the outbox holds. */
  mailStatus(): Promise<MailStatusSummary> {
    return this.request("/api/mail/status");
  }
  /** The outbox, newest first. */
  mailOutbox(limit = 50): Promise<MailItem[]> {
    return this.request(`/api/mail?${new URLSearchParams({ limit: String(limit) })}`);
  }
  /** A test mail to the signed-in admin. */
  sendTestMail(): Promise<MailItem> {
    return this.request("/api/mail/test", "POST", {});
  }
  /** One template filled with sample values, as the recipient would get it in `locale`. */
  mailPreview(name: MailTemplateName, locale: Locale): Promise<MailPreview> {
    return this.request(`/api/mail/templates/${encodeURIComponent(name)}/preview?${new URLSearchParams({ locale })}`);
  }
  /** Queues a failed mail again, now, with the same Message-ID. */
  retryMail(id: string): Promise<MailItem> {
    return this.request(`/api/mail/${encodeURIComponent(id)}/retry`, "POST", {});
  }

  /** Every contact reason, retired ones included, in their order. */
  contactReasons(): Promise<ContactReason[]> {
    return this.request("/api/contact-reasons?all=true");
  }
  createContactReason(names: Record<Locale, string>): Promise<ContactReason> {
    return this.request("/api/contact-reasons", "POST", { names });
  }
  updateContactReason(id: string, patch: { names?: Partial<Record<Locale, string>>; active?: boolean; position?: number }): Promise<ContactReason> {
    return this.request(`/api/contact-reasons/${encodeURIComponent(id)}`, "PATCH", patch);
  }
  /** Retires, never deletes: chats keep the reason and reports count it. */
  retireContactReason(id: string): Promise<ContactReason> {
    return this.request(`/api/contact-reasons/${encodeURIComponent(id)}`, "DELETE");
  }

  reportTargets(): Promise<ServiceTarget[]> {
    return this.request("/api/reports/targets");
  }
  /** The whole list: a metric left out loses its target. */
  saveReportTargets(targets: ServiceTarget[]): Promise<ServiceTarget[]> {
    return this.request("/api/reports/targets", "PUT", targets);
  }

  reportHeatmap(from: string, to: string, tz: string, reason = ""): Promise<Heatmap> {
    return this.request(`/api/reports/heatmap?${reportQuery({ from, to, tz, reason })}`);
  }
  reportDaily(from: string, to: string, tz: string, reason = ""): Promise<{ tz: string; from: string; to: string; days: DailyFigures[] }> {
    return this.request(`/api/reports/daily?${reportQuery({ from, to, tz, reason })}`);
  }
  /** One table as CSV: not JSON, so fetched here rather than through request(). */
  async reportCsv(table: ReportTable, from: string, to: string, tz: string, reason = ""): Promise<Blob> {
    const res = await fetch(`/api/reports/export.csv?${reportQuery({ table, from, to, tz, reason })}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: ErrorBody };
      throw new ApiError(res.status, body.error ?? { code: "INTERNAL", message: "" });
    }
    return res.blob();
  }
}

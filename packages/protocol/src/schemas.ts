// zod schemas for every client→server payload. Size limits live in limits.ts and nowhere else.
import { z } from "zod";
import { TARGET_METRICS, AUDIT_ENTITIES, CHECKLIST_ITEMS, FOLLOW_UP_CHANNELS, LOCALES, PHASES, PRESENCES, ROLES } from "./types.js";
import { LIMITS } from "./limits.js";
import { LIVE_LIMITS } from "./live-visitors.js";

/** Refusal for text with lone surrogates (stored as U+FFFD, so ack and sync would differ) or NUL (PostgreSQL cannot store it). */
export const NOT_WELL_FORMED = "NOT_WELL_FORMED_UNICODE";
/**
 * Free text as the server keeps it: well-formed Unicode, NFC-normalised here once, so the ack,
 * the broadcast, storage and sync all carry the same string.
 */
const text = () => z.string().refine((s) => !/[\p{Cs}\u0000]/u.test(s), { message: NOT_WELL_FORMED }).overwrite((s) => s.normalize("NFC"));

const id = z.string().min(1).max(LIMITS.id);
const body = text().trim().min(1).max(LIMITS.messageBody);
const clientId = z.string().min(1).max(LIMITS.clientId);
const name = text().trim().min(1).max(LIMITS.name);
const email = text().trim().max(LIMITS.email).pipe(z.email());
/** A message's text may be empty when it carries files (ids from POST /api/files). */
const messageBody = text().trim().max(LIMITS.messageBody);
const attachmentIds = z.array(id).max(LIMITS.attachmentsPerMessage);
const hasTextOrFiles = (m: { body: string; attachments?: string[] }) => m.body.length > 0 || (m.attachments?.length ?? 0) > 0;

export const phaseSchema = z.enum(PHASES);
export const checklistItemSchema = z.enum(CHECKLIST_ITEMS);
export const localeSchema = z.enum(LOCALES);
export const presenceSchema = z.enum(PRESENCES);
export const roleSchema = z.enum(ROLES);

/** A page address the widget reports: http(s) only, so nothing else is ever shown as a link. */
const pageUrl = z.string().max(LIVE_LIMITS.url).refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), "an http(s) address");

// ---- /visitor ----
export const visitorHandshakeSchema = z.object({
  visitorToken: z.string().max(512).optional(),
  name: name.optional(),
  email: email.optional(),
  locale: localeSchema.optional(),
  identity: z.string().max(4096).optional(),
  timeZone: z.string().max(64).optional(),
  pageUrl: z.string().max(2048).optional(),
  protocolVersion: z.string().max(16).optional(),
});

// Both namespaces send these with the same payload.
const syncSchema = z.strictObject({ conversationId: id, afterSeq: z.number().int().min(0) });
const typingSchema = z.strictObject({ conversationId: id, typing: z.boolean() });

export const visitorSchemas = {
  /** `invitation: true` answers an operator's invitation: the chat goes to them when they have room. */
  "conversation:start": z.strictObject({ body: body.optional(), clientId: clientId.optional(), name: name.optional(), email: email.optional(), invitation: z.boolean().optional() }),
  "message:send": z
    .strictObject({ conversationId: id, clientId, body: messageBody, attachments: attachmentIds.optional() })
    .refine(hasTextOrFiles, { path: ["body"], message: "a text, files, or both" }),
  sync: syncSchema,
  typing: typingSchema,
  "conversation:leave": z.strictObject({ conversationId: id }),
  "offline:message": z.strictObject({
    name,
    email,
    body,
    phone: text().trim().max(LIMITS.phone).regex(/^[+0-9 ()-]*$/).optional(),
    callbackRequested: z.boolean().optional(),
  }),
  rating: z.strictObject({ conversationId: id, score: z.number().int().min(1).max(5), comment: text().trim().max(LIMITS.comment).optional() }),
  "summary:answer": z.strictObject({ conversationId: id, messageId: id, answer: z.enum(["yes", "no"]) }),
  "transcript:email": z.strictObject({ conversationId: id, email: email.optional() }),
  /** The page the visitor is on now (live visitors); sent by the launcher, no ack needed. */
  page: z.strictObject({ url: pageUrl, title: text().trim().max(LIVE_LIMITS.title).optional() }),
  /** The visitor closed the invitation bubble: no other invitation this visit. */
  "invitation:dismiss": z.strictObject({}),
} as const;

// ---- /operator ----
export const operatorSchemas = {
  "presence:set": z.strictObject({ status: presenceSchema }),
  "conversations:list": z.strictObject({}),
  "conversation:claim": z.strictObject({ conversationId: id }),
  "message:send": z
    .strictObject({
      conversationId: id,
      clientId,
      body: messageBody,
      kind: z.enum(["text", "note"]).optional(),
      cannedReplyId: id.optional(),
      summary: z.boolean().optional(),
      attachments: attachmentIds.optional(),
    })
    .refine(hasTextOrFiles, { path: ["body"], message: "a text, files, or both" }),
  sync: syncSchema,
  typing: typingSchema,
  "phase:set": z.strictObject({ conversationId: id, phase: phaseSchema }),
  "checklist:check": z.strictObject({ conversationId: id, item: checklistItemSchema }),
  "conversation:transfer": z.strictObject({ conversationId: id, toOperatorId: id, note: text().trim().max(LIMITS.note).optional(), whenFull: z.enum(["refuse", "anyway", "queue"]).optional() }),
  "conversation:close": z.strictObject({ conversationId: id, reason: text().trim().min(1).max(LIMITS.comment).optional() }),
  "operators:list": z.strictObject({}),
  "conversation:reasons": z.strictObject({ conversationId: id, reasonIds: z.array(id).max(20) }),
  /** A proactive message to a live visitor who is not in a chat. */
  "visitor:invite": z.strictObject({ visitorId: id, body: text().trim().min(1).max(LIVE_LIMITS.invitation) }),
} as const;

// ---- HTTP ----
export const loginSchema = z.strictObject({ email: text().trim().min(1).max(LIMITS.email), password: z.string().min(1).max(LIMITS.password.max) });

const password = z.string().min(LIMITS.password.min).max(LIMITS.password.max);

const userFields = z.strictObject({
  email,
  name,
  password,
  role: roleSchema,
  maxChats: z.number().int().min(1).max(LIMITS.maxChats).optional(),
  locale: localeSchema.optional(),
});

/** A password, or `invite: true` for a one-time link with which the user chooses one; not both. */
export const createUserSchema = userFields
  .extend({ password: password.optional(), invite: z.boolean().optional() })
  .refine((u) => (u.invite === true) !== (u.password !== undefined), { path: ["password"], message: "a password, or invite: true" });

export const updateUserSchema = userFields.partial().extend({ active: z.boolean().optional() });

/** What a signed-in user changes about themselves: their interface language, the name visitors see. */
export const mePatchSchema = z
  .strictObject({ locale: localeSchema.optional(), name: name.optional() })
  .refine((patch) => patch.locale !== undefined || patch.name !== undefined, { message: "locale or name" });

/** Accepting an invitation (or a reset link): the password the user chose. */
export const choosePasswordSchema = z.strictObject({ password });

export const cannedReplyInputSchema = z.strictObject({
  title: text().trim().min(1).max(LIMITS.title),
  body: text().trim().min(1).max(LIMITS.messageBody),
  shortcut: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.shortcut)
    .regex(/^[a-z0-9][a-z0-9_-]*$/i)
    .optional(),
  locale: localeSchema,
  phases: z.array(phaseSchema).min(1).max(5),
  checklistItem: checklistItemSchema.exclude(["visitor_left"]).optional(),
});
export const cannedReplyPatchSchema = cannedReplyInputSchema.partial().extend({
  shortcut: cannedReplyInputSchema.shape.shortcut.nullable(),
  checklistItem: cannedReplyInputSchema.shape.checklistItem.nullable(),
});

export const cannedReplyQuerySchema = z.object({
  phase: phaseSchema.optional(),
  locale: localeSchema.optional(),
  q: z.string().max(200).optional(),
});

export const reportQuerySchema = z.object({
  from: z.iso.date().or(z.iso.datetime()).optional(),
  to: z.iso.date().or(z.iso.datetime()).optional(),
});

export const auditQuerySchema = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional(),
  action: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** Entries to skip, newest first: the next page starts at offset + limit. */
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

/** `GET /api/privacy/visitors?q=`: part of a name or an e-mail address. */
export const privacySearchSchema = z.object({ q: text().trim().min(2).max(200) });
/** `GET /api/privacy/visitors/:id/export?format=`: JSON (default) or the readable transcript as text. */
export const privacyExportQuerySchema = z.object({ format: z.enum(["json", "text"]).optional() });

export type VisitorPayloads = { [K in keyof typeof visitorSchemas]: z.infer<(typeof visitorSchemas)[K]> };
export type OperatorPayloads = { [K in keyof typeof operatorSchemas]: z.infer<(typeof operatorSchemas)[K]> };
export type CannedReplyInput = z.infer<typeof cannedReplyInputSchema>;

/** Promising a follow-up in a chat: a callback needs a phone number; the time lies ahead, within 90 days. */
export const followUpInputSchema = z
  .strictObject({
    channel: z.enum(FOLLOW_UP_CHANNELS),
    dueAt: z.iso.datetime({ offset: true }).refine((at) => {
      const ms = Date.parse(at) - Date.now();
      return ms > -60_000 && ms <= 90 * 86_400_000;
    }, "between now and 90 days from now"),
    phone: text().trim().min(1).max(LIMITS.phone).regex(/^[+0-9 ()-]*$/).optional(),
    note: text().trim().min(1).max(LIMITS.note),
  })
  .refine((f) => f.channel !== "callback" || f.phone !== undefined, { path: ["phone"], message: "a callback needs a phone number" });

export const followUpDoneSchema = z.strictObject({ done: z.boolean() });

// ---- The reachability plan and method coaching (issue #12) ----
const reasonName = text().trim().min(1).max(LIMITS.name);

export const contactReasonInputSchema = z.strictObject({
  names: z.strictObject({ nl: reasonName, en: reasonName }),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export const contactReasonPatchSchema = z.strictObject({
  names: z.strictObject({ nl: reasonName.optional(), en: reasonName.optional() }).optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

const SHARE_METRICS = ["answered_within_seconds", "offline_answered_on_time", "follow_ups_kept_on_time", "closing_checklist_complete"];

export const serviceTargetSchema = z
  .strictObject({ metric: z.enum(TARGET_METRICS), target: z.number().min(0), seconds: z.number().int().min(1).max(86_400).optional() })
  .refine((t) => t.metric !== "answered_within_seconds" || t.seconds !== undefined, { path: ["seconds"], message: "answered_within_seconds needs seconds" })
  .refine((t) => !SHARE_METRICS.includes(t.metric) || t.target <= 1, { path: ["target"], message: "a share lies between 0 and 1" })
  .refine((t) => t.metric !== "rating_average" || (t.target >= 1 && t.target <= 5), { path: ["target"], message: "a rating lies between 1 and 5" });

/** The whole list of targets; one per metric. */
export const serviceTargetsSchema = z
  .array(serviceTargetSchema)
  .max(TARGET_METRICS.length)
  .refine((list) => new Set(list.map((t) => t.metric)).size === list.length, { message: "one target per metric" });

/** An IANA time zone the server's Intl knows, e.g. Europe/Amsterdam. */
export const timeZoneSchema = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Europe/Amsterdam");

/** The reports' query with a contact reason to narrow to and the zone to count days and hours in. */
export const planningQuerySchema = reportQuerySchema.extend({ tz: timeZoneSchema.optional(), reason: id.optional() });

export const CSV_TABLES = ["summary", "targets", "operators", "reasons", "heatmap", "daily", "chats"] as const;
export const csvExportQuerySchema = planningQuerySchema.extend({ table: z.enum(CSV_TABLES) });

export const reviewNoteInputSchema = z.strictObject({ note: text().trim().min(1).max(LIMITS.note), score: z.number().int().min(1).max(5) });

// ---- mail ----
/** Answering an offline message or an e-mail follow-up by mail. */
export const mailReplySchema = z.strictObject({ body });
export const transcriptEmailSchema = z.strictObject({ email: email.optional() });
export const mailTestSchema = z.strictObject({ to: email.optional() });
export const passwordResetSchema = z.strictObject({ email: text().trim().min(1).max(LIMITS.email) });
export const passwordResetConfirmSchema = z.strictObject({ token: z.string().min(1).max(512), password });
export const mailPreferencesSchema = z.strictObject({ unansweredAlerts: z.boolean() });

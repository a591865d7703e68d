// Runtime settings an admin changes in the inbox; stored in the database, validated here.
import { z } from "zod";
import { LIMITS } from "./limits.js";
import { localeSchema } from "./schemas.js";
import { WEEKDAYS } from "./types.js";
import { LIVE_LIMITS } from "./live-visitors.js";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const businessHoursSchema = z.strictObject({
  /** When false the team is reachable whenever someone is online. */
  enabled: z.boolean(),
  timeZone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "unknown time zone"),
  /** Opening intervals per weekday; an empty list = closed that day. */
  days: z.record(z.enum(WEEKDAYS), z.array(z.strictObject({ open: time, close: time })).max(4)),
  /** Dates (YYYY-MM-DD, in the schedule's time zone) the team is closed, e.g. public holidays. */
  closedDates: z.array(z.iso.date()).max(366),
});

export const settingsSchema = z.strictObject({
  defaultMaxChats: z.number().int().min(1).max(LIMITS.maxChats),
  /** How long a visitor may be disconnected before they count as having left. */
  visitorGraceMs: z.number().int().min(1000).max(3_600_000),
  /** How long an operator with no open inbox tab keeps their chats before they go back to the queue. */
  operatorGraceMs: z.number().int().min(1000).max(3_600_000),
  /** How long a visitor must be silent before an operator may close with a reason while they are connected. */
  idleCloseSeconds: z.number().int().min(10).max(86_400),
  /** How long a chat whose visitor went before the closing stays open (for a note or a follow-up) before it ends by itself. */
  abandonedCloseSeconds: z.number().int().min(1).max(86_400),
  /** Past this expected wait the widget offers to leave a message instead. */
  waitLimitSeconds: z.number().int().min(30).max(86_400),
  /** Within how many hours an offline message is promised an answer (counted in business hours when enabled). */
  offlineAnswerHours: z.number().int().min(1).max(336),
  businessHours: businessHoursSchema,
  widget: z.strictObject({
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    greeting: z.strictObject({ nl: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) }),
    defaultLocale: localeSchema,
  }),
  /** The largest file anyone may upload, in bytes. */
  fileMaxBytes: z.number().int().min(1024).max(100 * 1024 * 1024),
  /** How many files one visitor may upload per hour. */
  filesPerVisitorPerHour: z.number().int().min(1).max(1000),
  /** How many files one message may carry. */
  filesPerMessage: z.number().int().min(1).max(LIMITS.attachmentsPerMessage),
  /** Automatic invitations: after N seconds on a matching page, in business hours, when an operator has room. */
  autoInvite: z.strictObject({
    enabled: z.boolean(),
    afterSeconds: z.number().int().min(1).max(3600),
    /** Part of the page address, `*` for any characters; empty = every page. */
    pagePattern: z.string().trim().max(LIVE_LIMITS.pattern),
    body: z.strictObject({ nl: z.string().trim().min(1).max(LIVE_LIMITS.invitation), en: z.string().trim().min(1).max(LIVE_LIMITS.invitation) }),
  }),
  /** Days after which a closed conversation is anonymised or deleted; null = kept (off). */
  retentionDays: z.number().int().min(1).max(3650).nullable(),
  /** What retention does: anonymise (the figures stay for reports) or delete the conversation outright. */
  retentionAction: z.enum(["anonymise", "delete"]),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();

const workday = [{ open: "09:00", close: "17:00" }];
export const DEFAULT_SETTINGS: Settings = {
  defaultMaxChats: 3,
  visitorGraceMs: 30_000,
  operatorGraceMs: 60_000,
  idleCloseSeconds: 120,
  abandonedCloseSeconds: 300,
  waitLimitSeconds: 300,
  offlineAnswerHours: 24,
  businessHours: {
    enabled: false,
    timeZone: "Europe/Amsterdam",
    days: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
    closedDates: [],
  },
  widget: {
    accentColor: "#0b5fff",
    greeting: { nl: "Hallo! Waarmee kunnen wij u helpen?", en: "Hi! How can we help you?" },
    defaultLocale: "en",
  },
  fileMaxBytes: 10 * 1024 * 1024,
  filesPerVisitorPerHour: 10,
  filesPerMessage: 5,
  autoInvite: {
    enabled: false,
    afterSeconds: 30,
    pagePattern: "",
    body: { nl: "Hallo! Kunnen wij u ergens mee helpen?", en: "Hi! Can we help you with anything?" },
  },
  retentionDays: null,
  retentionAction: "anonymise",
};

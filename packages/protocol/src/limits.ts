// Size limits, apart from the zod schemas so a browser bundle can use them without zod.
export const LIMITS = {
  messageBody: 4000,
  clientId: 64,
  id: 64,
  name: 100,
  email: 254,
  comment: 1000,
  note: 2000,
  title: 120,
  shortcut: 32,
  phone: 40,
  password: { min: 8, max: 200 },
  maxChats: 50,
  /** The most files one message can carry, whatever the setting says. */
  attachmentsPerMessage: 10,
  idempotencyKey: 128,
  fileName: 255,
} as const;

/** The characters a phone number may hold, escaped so it also works as an HTML `pattern` (v flag). */
export const PHONE_PATTERN = "[+0-9 \\(\\)\\-]*";

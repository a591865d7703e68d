// Runtime settings live in the Setting table as one JSON document per key; reads are cached.
import { randomBytes } from "node:crypto";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "@live-chat/protocol";
import type { Db } from "./db.js";

const SETTINGS_KEY = "settings";
const SECRET_KEY = "session_secret";

export class SettingsStore {
  private cache: Settings | null = null;
  constructor(
    private readonly db: Db,
    private readonly overrides: Partial<Settings> = {},
  ) {}

  async get(): Promise<Settings> {
    if (this.cache) return this.cache;
    const row = await this.db.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const stored = row ? (JSON.parse(row.value) as Partial<Settings>) : {};
    const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored, ...this.overrides });
    this.cache = merged.success ? merged.data : { ...DEFAULT_SETTINGS, ...this.overrides };
    return this.cache;
  }

  /** Validates the whole result before storing; returns the new settings. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const row = await this.db.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const stored = row ? (JSON.parse(row.value) as Partial<Settings>) : {};
    const next = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...stored, ...patch });
    await this.db.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: JSON.stringify(next) },
      update: { value: JSON.stringify(next) },
    });
    this.cache = null;
    return this.get();
  }

  invalidate(): void {
    this.cache = null;
  }

  /** The signing secret: from the environment, else generated once and kept in the database. */
  async sessionSecret(fromEnv?: string): Promise<string> {
    if (fromEnv) return fromEnv;
    const existing = await this.db.setting.findUnique({ where: { key: SECRET_KEY } });
    if (existing) return existing.value;
    const secret = randomBytes(48).toString("base64url");
    try {
      await this.db.setting.create({ data: { key: SECRET_KEY, value: secret } });
      return secret;
    } catch {
      // Another node created it at the same moment: use theirs.
      const row = await this.db.setting.findUniqueOrThrow({ where: { key: SECRET_KEY } });
      return row.value;
    }
  }
}

export * from "./types.js";
export * from "./limits.js";
export * from "./schemas.js";
export * from "./events.js";
export * from "./errors.js";
export * from "./settings.js";
export * from "./method/index.js";
export * from "./attachments.js";

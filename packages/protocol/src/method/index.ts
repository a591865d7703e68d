export * from "./phases.js";
export * from "./checklist.js";
export * from "./answers.js";
export * from "./reducer.js";
export * from "./placeholders.js";
export * from "./etiquette.js";
export * from "./spelling.js";
export * from "./prompts.js";

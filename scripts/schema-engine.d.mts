// Types for scripts/schema-engine.mjs, for the TypeScript tests that import it.
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";

export declare const noFilters: SchemaFilter;
export declare function lockfileText(provider: "sqlite" | "postgresql"): string;
export declare function splitPostgresUrl(databaseUrl: string): { connectionString: string; schema: string };
export declare function openSchemaEngine(
  databaseUrl: string,
  datamodels?: [string, string][],
  log?: (message: string) => void,
): Promise<{ engine: SchemaEngine; close(): Promise<void> }>;
export declare function readMigrationsList(baseDir: string): MigrationList;

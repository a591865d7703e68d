// For users with the stock Prisma CLI (`npx prisma migrate deploy`, `npx prisma migrate status`):
// the server's DATABASE_URL picks the provider's schema and migrations folder, as it does at start.
import { resolve } from "node:path";
import { defineConfig } from "prisma/config";

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/chat.db";
const postgres = /^postgres(ql)?:\/\//.test(databaseUrl);
// The server resolves a relative SQLite path from the working directory; point the CLI at that file.
const url = postgres ? databaseUrl : `file:${resolve(databaseUrl.slice("file:".length).split("?")[0] ?? "")}`;

export default defineConfig({
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  datasource: { url },
});

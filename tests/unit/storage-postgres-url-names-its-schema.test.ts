// The server, its raw message log and the migrations must all use one schema: the URL's, else public.
import { describe, expect, it } from "vitest";
import { splitPostgresUrl } from "../../apps/server/src/store/db.js";

describe("a PostgreSQL URL", () => {
  it("names its schema with Prisma's parameter, which the driver does not get", () => {
    expect(splitPostgresUrl("postgresql://u:p@db:5432/chat?schema=tenant_a&sslmode=require")).toEqual({
      connectionString: "postgresql://u:p@db:5432/chat?sslmode=require",
      schema: "tenant_a",
    });
  });

  it("means public without one, as Prisma does, rather than PostgreSQL's $user-first search path", () => {
    expect(splitPostgresUrl("postgres://postgres@127.0.0.1:5432/test")).toEqual({ connectionString: "postgres://postgres@127.0.0.1:5432/test", schema: "public" });
    expect(splitPostgresUrl("postgres://postgres@127.0.0.1:5432/test?schema=").schema).toBe("public");
  });
});

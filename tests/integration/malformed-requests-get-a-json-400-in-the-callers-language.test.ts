// A request the server cannot even read (bad percent-encoding in the path, a body in an unknown charset, broken
// JSON) gets a JSON 400 in the caller's language on every kind of route, never a 500 or an HTML page.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { login } from "../support/clients.js";

const server = useTestServer();

async function raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const res = await fetch(server.url + path, init);
  const type = res.headers.get("content-type") ?? "";
  const text = await res.text();
  return { status: res.status, type, body: type.includes("json") ? (JSON.parse(text) as { error?: { code: string; message: string } }) : text };
}

describe("malformed requests", () => {
  it("answer a path that is not valid percent-encoding with a JSON 400, in Dutch when asked, and an anonymous caller a JSON 401", async () => {
    const { token } = await login(server.url);
    const paths = ["/api/conversations/%00%ff/messages?afterSeq=abc", "/api/conversations/%E0%A4%A/messages", "/api/users/%ff", "/api/canned-replies/%zz"];
    for (const path of paths) {
      // Signed in, the inbox's chosen language (X-Locale) speaks.
      const res = await raw(path, { headers: { authorization: `Bearer ${token}`, "x-locale": "nl" } });
      expect(res.status, path).toBe(400);
      expect(res.type, path).toContain("application/json");
      expect(res.body, path).toMatchObject({ error: { code: "BAD_REQUEST", message: expect.stringContaining("Het verzoek is niet begrepen") } });
      // Anonymous, the sign-in check answers first, in the browser's language; still JSON, still no 500.
      // A NUL in the address is refused before anything, sign-in included, reads it (PostgreSQL cannot hold it).
      const anonymous = await raw(path, { headers: { "accept-language": "nl" } });
      if (path.includes("%00")) {
        expect(anonymous.status, path).toBe(400);
        expect(anonymous.body, path).toMatchObject({ error: { code: "BAD_REQUEST", message: expect.stringContaining("Het verzoek is niet begrepen") } });
      } else {
        expect(anonymous.status, path).toBe(401);
        expect(anonymous.body, path).toMatchObject({ error: { code: "UNAUTHORIZED", message: "Log eerst in." } });
      }
    }
  });

  it("answer a body in an unknown charset or broken JSON with a JSON 400, and the data is unchanged", async () => {
    const { token } = await login(server.url);
    const before = await raw("/api/canned-replies", { headers: { authorization: `Bearer ${token}` } });
    const odd = await raw("/api/canned-replies", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=klingon" }, body: "{}" });
    expect(odd.status).toBe(400);
    expect(odd.body).toMatchObject({ error: { code: "BAD_REQUEST" } });
    const broken = await raw("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: "BAD_REQUEST" } });
    const after = await raw("/api/canned-replies", { headers: { authorization: `Bearer ${token}` } });
    expect(after.body).toEqual(before.body);
  });
});

// Issue #13: security headers on every response, strict CSP on the inbox and the demo, and a state-changing request
// authenticated by the session cookie alone refused unless it comes from the server's own origin.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { ADMIN, api } from "../support/clients.js";

const server = useTestServer();

const REPLY = { title: "CSRF probe", body: "Dank u voor uw bericht.", locale: "nl", phases: ["opening"] };

/** Signs in and returns the session cookie the browser would keep, with its attributes. */
async function sessionCookie(): Promise<{ cookie: string; attributes: string }> {
  const res = await api(server.url, "/api/auth/login", { body: ADMIN });
  const set = res.headers.get("set-cookie") ?? "";
  return { cookie: set.split(";")[0]!, attributes: set };
}

const cannedCount = () => server.ctx.db.cannedReply.count({ where: { title: REPLY.title } });

describe("HTTP security", () => {
  it("sends helmet's headers on every response, with a strict CSP on the inbox and the demo", async () => {
    for (const path of ["/healthz", "/api/me", "/api/nowhere", "/inbox", "/inbox/index.html", "/demo", "/widget.js"]) {
      const res = await fetch(server.url + path);
      await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("content-security-policy"), path).toContain("object-src 'none'");
      expect(res.headers.get("strict-transport-security"), path).toMatch(/max-age=\d+/);
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
    const api = await fetch(`${server.url}/api/me`);
    expect(api.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    for (const page of ["/inbox", "/demo"]) {
      const csp = (await fetch(server.url + page)).headers.get("content-security-policy") ?? "";
      // Only the server's own scripts: no inline script, no eval, no other host.
      expect(csp, page).toMatch(/script-src 'self'(;|$)/);
      expect(csp, page).toContain("base-uri 'none'");
      expect(csp, page).toContain("connect-src 'self'");
    }
    expect((await fetch(`${server.url}/inbox`)).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // Customers' sites load the widget's script cross-origin.
    expect((await fetch(`${server.url}/widget.js`)).headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("sets the session cookie httpOnly and SameSite", async () => {
    const { attributes } = await sessionCookie();
    expect(attributes).toMatch(/HttpOnly/i);
    expect(attributes).toMatch(/SameSite=Lax/i);
    expect(attributes).toMatch(/Path=\//);
  });

  it("refuses a cookie-authenticated change from another site in the caller's language and changes nothing", async () => {
    const { cookie } = await sessionCookie();
    const before = await cannedCount();
    const attempts: Array<Record<string, string>> = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site", origin: `http://shop.localhost:${server.port}` },
      { origin: "https://evil.example" },
    ];
    for (const headers of attempts) {
      const res = await api<{ error: { code: string; message: string } }>(server.url, "/api/canned-replies", { body: REPLY, headers: { cookie, "accept-language": "nl", ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("CROSS_SITE_REQUEST");
      expect(res.body.error.message).toBe("Dit verzoek kwam van een andere site en is geweigerd. Open de inbox zelf en probeer het daar opnieuw.");
    }
    expect(await cannedCount()).toBe(before);
    // A forged sign-out is refused too: the session still works.
    expect((await api(server.url, "/api/auth/logout", { method: "POST", headers: { cookie, "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await api(server.url, "/api/me", { headers: { cookie } })).status).toBe(200);
  });

  it("lets the inbox's own requests through: same origin by cookie, or a bearer token", async () => {
    const { cookie } = await sessionCookie();
    const sameOrigin = await api(server.url, "/api/canned-replies", { body: { ...REPLY, title: `${REPLY.title} 1` }, headers: { cookie, "sec-fetch-site": "same-origin", origin: server.url } });
    expect(sameOrigin.status).toBe(201);
    const originOnly = await api(server.url, "/api/canned-replies", { body: { ...REPLY, title: `${REPLY.title} 2` }, headers: { cookie, origin: server.url } });
    expect(originOnly.status).toBe(201);
    const bearer = await api(server.url, "/api/canned-replies", { token: server.adminToken, body: { ...REPLY, title: `${REPLY.title} 3` }, headers: { "sec-fetch-site": "cross-site" } });
    expect(bearer.status).toBe(201);
  });
});

// Canned replies as an admin keeps them: unique shortcuts per language, known placeholders only,
// export and an import that reports what it added, updated and refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CannedReply, CannedReplyImportResult } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, createOperator } from "../support/clients.js";
import { dutchAdminToken } from "./admin-support.js";

let server: TestServer;
let dutchToken: string;
beforeAll(async () => {
  server = await startTestServer();
  dutchToken = await dutchAdminToken(server.url, server.adminToken);
});
afterAll(() => server?.close());

const post = <T>(path: string, body: unknown, opts: { dutch?: boolean } = {}) => api<T>(server.url, path, { token: opts.dutch ? dutchToken : server.adminToken, body });

describe("canned replies in the admin area", () => {
  it("keeps a shortcut unique per language and refuses an unknown placeholder, naming the field", async () => {
    const first = await post<CannedReply>("/api/canned-replies", { title: "Levertijd", body: "Hallo {visitor.firstName|daar}, de levertijd is twee dagen.", shortcut: "Levertijd", locale: "nl", phases: ["response"] });
    expect(first.status).toBe(201);
    expect(first.body.shortcut).toBe("levertijd");
    const clash = await post<{ error: { code: string; field: string; message: string } }>(
      "/api/canned-replies",
      { title: "Andere", body: "Tekst", shortcut: "levertijd", locale: "nl", phases: ["response"] },
      { dutch: true },
    );
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: "CONFLICT", field: "shortcut" });
    expect(clash.body.error.message).toMatch(/botst/);
    const otherLanguage = await post("/api/canned-replies", { title: "Delivery time", body: "Two days.", shortcut: "levertijd", locale: "en", phases: ["response"] });
    expect(otherLanguage.status).toBe(201);
    const unknown = await post<{ error: { code: string; field: string; message: string } }>("/api/canned-replies", { title: "Oops", body: "Hi {visitor.nmae}", locale: "en", phases: ["opening"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "UNKNOWN_PLACEHOLDER", field: "body" });
    expect(unknown.body.error.message).toContain("{visitor.nmae}");
  });

  it("exports every reply without ids, and an import of the export changes nothing but updates in place", async () => {
    const exported = await api<Array<Record<string, unknown>>>(server.url, "/api/canned-replies/export", { token: server.adminToken });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/canned-replies\.json/);
    const all = await api<CannedReply[]>(server.url, "/api/canned-replies", { token: server.adminToken });
    expect(exported.body).toHaveLength(all.body.length);
    expect(exported.body.every((r) => !("id" in r) && typeof r.title === "string")).toBe(true);
    const again = await post<CannedReplyImportResult>("/api/canned-replies/import", exported.body);
    expect(again.body).toEqual({ added: 0, updated: exported.body.length, refused: [] });
    const after = await api<CannedReply[]>(server.url, "/api/canned-replies", { token: server.adminToken });
    expect(after.body.map((r) => r.id).sort()).toEqual(all.body.map((r) => r.id).sort());
  });

  it("imports mixed entries: adds new ones, updates matches by shortcut or title, and reports each refusal", async () => {
    await post("/api/canned-replies", { title: "Retour", body: "Oude tekst over retourneren.", shortcut: "retour", locale: "nl", phases: ["response"] });
    await post("/api/canned-replies", { title: "Openingstijden", body: "Oude tekst over openingstijden.", locale: "nl", phases: ["response"] });
    const entries = [
      { title: "Nieuw antwoord", body: "{greeting}, ik ben {operator.firstName}.", shortcut: "nieuw", locale: "nl", phases: ["opening"] },
      { title: "Retourneren", body: "U kunt binnen 30 dagen retourneren.", shortcut: "retour", locale: "nl", phases: ["response", "action"] },
      { title: "Openingstijden", body: "Wij zijn op werkdagen open van 9 tot 17 uur.", locale: "nl", phases: ["response"], checklistItem: "asked_resolved" },
      { title: "Zonder fasen", body: "Tekst", locale: "nl", phases: [] },
      { title: "Typfout", body: "Hallo {bezoeker.naam}", locale: "nl", phases: ["opening"] },
      { title: "Rare sneltoets", body: "Tekst", shortcut: "met spatie", locale: "nl", phases: ["response"] },
      "not an object",
      { title: "Copied with id", body: "Still fine.", locale: "en", phases: ["closing"], id: "abc" },
    ];
    const res = await post<CannedReplyImportResult>("/api/canned-replies/import", entries, { dutch: true });
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(2);
    expect(res.body.updated).toBe(2);
    expect(res.body.refused.map((r) => [r.index, r.title, r.error.code, r.error.field])).toEqual([
      [3, "Zonder fasen", "BAD_REQUEST", "phases"],
      [4, "Typfout", "UNKNOWN_PLACEHOLDER", "body"],
      [5, "Rare sneltoets", "BAD_REQUEST", "shortcut"],
      [6, "", "BAD_REQUEST", undefined],
    ]);
    expect(res.body.refused[1]!.error.message).toMatch(/invulveld/);

    const nl = await api<CannedReply[]>(server.url, "/api/canned-replies?locale=nl", { token: server.adminToken });
    const byTitle = (title: string) => nl.body.filter((r) => r.title === title);
    expect(byTitle("Retour")).toHaveLength(0);
    expect(byTitle("Retourneren")[0]).toMatchObject({ shortcut: "retour", phases: ["response", "action"] });
    expect(byTitle("Openingstijden")).toHaveLength(1);
    expect(byTitle("Openingstijden")[0]).toMatchObject({ body: "Wij zijn op werkdagen open van 9 tot 17 uur.", checklistItem: "asked_resolved" });
    expect(byTitle("Nieuw antwoord")).toHaveLength(1);
    expect(byTitle("Rare sneltoets")).toHaveLength(0);
  });

  it("refuses an import body that is not a list", async () => {
    const res = await post<{ error: { code: string } }>("/api/canned-replies/import", { title: "x" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BAD_REQUEST");
  });

  it("lets an operator find a new reply under its phase, first", async () => {
    const created = await post<CannedReply>("/api/canned-replies", { title: "Samenvatten", body: "Als ik u goed begrijp, {selection|wilt u iets weten}?", locale: "nl", phases: ["question"] });
    const op = await createOperator(server.url, server.adminToken, { name: "Petra" });
    const list = await api<CannedReply[]>(server.url, "/api/canned-replies?phase=question&locale=nl", { token: op.token });
    expect(list.status).toBe(200);
    const firstOthers = list.body.findIndex((r) => !r.phases.includes("question"));
    const position = list.body.findIndex((r) => r.id === created.body.id);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(firstOthers === -1 || position < firstOthers).toBe(true);
  });
});

// An erased visitor's browser stops being that visitor: the tombstone of the id (and nothing else) makes the old
// token resume nobody, over the socket and over HTTP, and a widget open at the moment is told and cut off, on any node.
import { randomBytes } from "node:crypto";
import { io } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import type { Conversation, VisitorSession } from "@live-chat/protocol";
import { startTestServer, useTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator, type OperatorSocket, type VisitorSocket } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { download, pdf, upload } from "./files-support.js";

const server = useTestServer();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const period = `from=${day(-1)}&to=${day(0)}`;

async function reports(url: string, token: string) {
  const paths = [`/api/reports/summary?${period}`, `/api/reports/operators?${period}`, `/api/reports/daily?${period}&tz=Europe/Amsterdam`];
  return Promise.all(paths.map(async (p) => (await api(url, p, { token })).body));
}

/** A widget's handshake with `auth`, noting whether the server said, before the session, that the token's visitor was erased. */
function handshake(url: string, auth: Record<string, unknown>): Promise<{ socket: VisitorSocket; session: VisitorSession; toldErased: boolean }> {
  const socket: VisitorSocket = io(`${url}/visitor`, { auth, transports: ["websocket"], forceNew: true, reconnection: false });
  let toldErased = false;
  socket.on("visitor:erased", (e) => (toldErased = e.code === "VISITOR_ERASED"));
  return new Promise((resolve, reject) => {
    socket.once("session", (session) => resolve({ socket, session, toldErased }));
    socket.once("connect_error", reject);
  });
}

/** A visitor who chatted (a message and a file), whose chat the operator closed; the widget is still open. */
async function chattedAndClosed(url: string, operator: OperatorSocket, name: string) {
  const visitor = await connectVisitor(url, { name, email: `${name.toLowerCase()}@example.nl`, locale: "nl" });
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === name);
  await emitAck(visitor.socket, "conversation:start", { body: `Hallo, ik ben ${name}, bestelling 4711`, clientId: `${name}-1` });
  const conversationId = (await assigned).id;
  const file = await upload(url, { visitorToken: visitor.session.visitorToken }, { bytes: pdf(`factuur ${name}`), name: "factuur.pdf", key: `${name}-file` });
  expect(file.status).toBe(201);
  expect((await emitAck(visitor.socket, "message:send", { conversationId, clientId: `${name}-2`, body: "Hier is de factuur", attachments: [file.body.id] })).ok).toBe(true);
  await emitAck(visitor.socket, "conversation:leave", { conversationId });
  await eventually(async () => expect((await emitAck(operator, "conversation:close", { conversationId })).ok).toBe(true));
  return { ...visitor, conversationId, fileUrl: file.body.url };
}

describe("an erased visitor's token leads nowhere", () => {
  it("tells and cuts off the open widget, gives the old token a new visitor, refuses it over HTTP with 401, keeps the reports and leaves only the id", { timeout: 60_000 }, async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Olga", maxChats: 3 });
    const operator = await onlineOperator(server.url, op.token);
    const femke = await chattedAndClosed(server.url, operator, "Femke");
    const old = femke.session;
    const before = await reports(server.url, server.adminToken);

    const told = nextEvent<{ code: string }>(femke.socket, "visitor:erased");
    expect((await api(server.url, `/api/privacy/visitors/${old.visitorId}`, { method: "DELETE", token: server.adminToken })).status).toBe(204);
    expect(await told).toEqual({ code: "VISITOR_ERASED" });
    await eventually(() => expect(femke.socket.connected).toBe(false));

    // The old token's handshake: a new visitor, a new token, and the word that the old one was erased.
    const back = await handshake(server.url, { visitorToken: old.visitorToken, locale: "nl" });
    expect(back.toldErased).toBe(true);
    expect(back.session.visitorId).not.toBe(old.visitorId);
    expect(back.session.visitorToken).not.toBe(old.visitorToken);
    expect(back.session.conversation).toBeNull();
    // Nothing of the erased chat is reachable from the new identity, nor its transcript.
    expect((await emitAck(back.socket, "sync", { conversationId: femke.conversationId, afterSeq: 0 })).error?.code).toBe("FORBIDDEN");
    expect((await emitAck(back.socket, "transcript:email", { conversationId: femke.conversationId, email: "femke@example.nl" })).error?.code).toBe("FORBIDDEN");
    back.socket.close();
    // The new token resumes the new visitor, and says nothing of an erasure.
    const again = await handshake(server.url, { visitorToken: back.session.visitorToken });
    expect(again.session.visitorId).toBe(back.session.visitorId);
    expect(again.toldErased).toBe(false);
    again.socket.close();

    // Over HTTP the old token is refused with 401 in the caller's language, for an upload and a download alike.
    for (const [locale, words] of [["nl", "gewist"], ["en", "erased"]] as const) {
      const refused = await upload(server.url, { visitorToken: old.visitorToken }, { bytes: pdf("weer"), name: "weer.pdf", headers: { "x-locale": locale } });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: "VISITOR_ERASED", message: expect.stringContaining(words) });
    }
    expect((await download(server.url, femke.fileUrl, { visitorToken: old.visitorToken })).status).toBe(401);

    // The reports add up as before; the tombstone holds the random id and a time, nothing that names or describes her.
    expect(await reports(server.url, server.adminToken)).toEqual(before);
    const tombstones = await server.ctx.db.erasedVisitor.findMany();
    expect(tombstones.map((t) => Object.keys(t).sort())).toEqual([["erasedAt", "id"]]);
    expect(tombstones[0].id).toBe(old.visitorId);
    for (const trace of ["Femke", "femke@", "4711", "factuur"]) expect(JSON.stringify(tombstones)).not.toContain(trace);

    // A new chat from that browser is a new visitor's; the erased id never gets a row again.
    const fresh = await connectVisitor(server.url, { visitorToken: back.session.visitorToken, name: "Femke" });
    const started = await emitAck<{ ok: boolean; conversation: Conversation }>(fresh.socket, "conversation:start", { body: "Opnieuw een vraag", clientId: "fresh-1" });
    expect(started.ok).toBe(true);
    expect(started.conversation.visitor.id).toBe(back.session.visitorId);
    expect(await server.ctx.db.visitor.findUnique({ where: { id: old.visitorId } })).toBeNull();
    for (const s of [fresh.socket, operator]) s.close();
  });
});

const cluster = await requireServices(["postgres", "redis"], "the erased-visitor cluster test");
const nodes: TestServer[] = [];
const sockets: Array<OperatorSocket | VisitorSocket> = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const n of nodes) await n.close();
});

describe.skipIf(!cluster)("an erased visitor's widget on another cluster node", () => {
  it("is told and cut off when an admin on node A erases a visitor connected to node B, whose old token then gets a new visitor on either node", { timeout: 60_000 }, async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_erase_${randomBytes(5).toString("hex")}`);
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "erase-cluster-secret" };
    const a = await startTestServer(env);
    nodes.push(a);
    const b = await startTestServer(env);
    nodes.push(b);
    const op = await createOperator(b.url, b.adminToken, { name: "Joris" });
    const operator = await onlineOperator(b.url, op.token);
    sockets.push(operator);
    const gijs = await chattedAndClosed(b.url, operator, "Gijs");
    sockets.push(gijs.socket);
    const bystander = await connectVisitor(b.url, {});
    sockets.push(bystander.socket);

    const told = nextEvent<{ code: string }>(gijs.socket, "visitor:erased");
    expect((await api(a.url, `/api/privacy/visitors/${gijs.session.visitorId}`, { method: "DELETE", token: a.adminToken })).status).toBe(204);
    expect(await told).toEqual({ code: "VISITOR_ERASED" });
    await eventually(() => expect(gijs.socket.connected).toBe(false));
    expect(bystander.socket.connected).toBe(true);

    for (const node of [a, b]) {
      const back = await handshake(node.url, { visitorToken: gijs.session.visitorToken });
      sockets.push(back.socket);
      expect(back.session.visitorId).not.toBe(gijs.session.visitorId);
      expect(back.toldErased).toBe(true);
    }
  });
});

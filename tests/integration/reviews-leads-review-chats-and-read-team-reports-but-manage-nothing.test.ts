// The lead role, between operator and admin: an admin makes someone a lead, who then reviews any chat and
// reads the team's reports, but changes no targets, users, settings or contact reasons; operators still read neither.
import { describe, expect, it } from "vitest";
import type { ChatReview, Conversation, ReviewNote, User } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, login, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("leads", () => {
  it("are assigned by an admin, review chats and read team reports, and manage nothing", async () => {
    const eva = await createOperator(server.url, server.adminToken, { name: "Eva" });
    const twan = await createOperator(server.url, server.adminToken, { name: "Twan" });
    const lotte = await createOperator(server.url, server.adminToken, { name: "Lotte", role: "lead" });
    expect((await api<User>(server.url, "/api/me", { token: lotte.token })).body.role).toBe("lead");

    // An operator made lead by an admin reads the reports from then on; an operator may not make anyone lead.
    expect((await api(server.url, `/api/users/${twan.id}`, { method: "PATCH", token: eva.token, body: { role: "lead" } })).status).toBe(403);
    expect((await api(server.url, "/api/reports/summary", { token: twan.token })).status).toBe(403);
    const promoted = await api<User>(server.url, `/api/users/${twan.id}`, { method: "PATCH", token: server.adminToken, body: { role: "lead" } });
    expect(promoted.body.role).toBe("lead");
    const twanAgain = await login(server.url, twan.email, twan.password);
    expect((await api(server.url, "/api/reports/summary", { token: twanAgain.token })).status).toBe(200);
    expect((await api<User>(server.url, `/api/users/${twan.id}`, { method: "PATCH", token: server.adminToken, body: { role: "operator" } })).body.role).toBe("operator");
    expect((await api(server.url, "/api/reports/summary", { token: twanAgain.token })).status).toBe(403);

    // One chat of Eva's, answered, left by the visitor and closed.
    const evaSocket = await onlineOperator(server.url, eva.token);
    const rob = await connectVisitor(server.url, { name: "Rob", locale: "nl" });
    const assigned = nextEvent<Conversation>(evaSocket, "conversation:assigned");
    await emitAck(rob.socket, "conversation:start", { body: "Waar is mijn pakket?", clientId: "v-1" });
    const chat = (await assigned).id;
    await emitAck(evaSocket, "message:send", { conversationId: chat, clientId: "e-1", body: "Goedemiddag Rob, ik ben Eva. Waarmee kan ik u helpen?" });
    const closed = nextEvent<Conversation>(evaSocket, "conversation:updated", (c) => c.id === chat && c.status === "closed");
    await emitAck(rob.socket, "conversation:leave", { conversationId: chat });
    expect((await emitAck(evaSocket, "conversation:close", { conversationId: chat })).ok).toBe(true);
    await closed;

    // The lead reads every team report and reviews the chat.
    for (const path of ["/api/reports/summary", "/api/reports/operators", "/api/reports/heatmap", "/api/reports/daily", "/api/reports/targets"]) {
      expect([path, (await api(server.url, path, { token: lotte.token })).status]).toEqual([path, 200]);
    }
    const csv = await fetch(`${server.url}/api/reports/export.csv?table=operators`, { headers: { authorization: `Bearer ${lotte.token}` } });
    expect([csv.status, (await csv.text()).split("\r\n")[0].split(",")[0]]).toEqual([200, "operator"]);
    const review = await api<ChatReview>(server.url, `/api/conversations/${chat}/review`, { token: lotte.token });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ conversationId: chat, operatorId: eva.id, greeted: true });
    const note = await api<ReviewNote>(server.url, `/api/conversations/${chat}/review-notes`, { token: lotte.token, body: { note: "Mooie begroeting.", score: 4 } });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ reviewer: { id: lotte.id, name: "Lotte" }, operatorId: eva.id, score: 4 });

    // Eva sees the lead's note under her reviews; Twan (an operator again) reads neither her review nor the reports.
    expect((await api<ReviewNote[]>(server.url, "/api/reviews/mine", { token: eva.token })).body.map((n) => [n.note, n.reviewer.name])).toEqual([["Mooie begroeting.", "Lotte"]]);
    expect((await api(server.url, `/api/conversations/${chat}/review`, { token: twan.token })).status).toBe(403);
    expect((await api(server.url, `/api/conversations/${chat}/review-notes`, { token: twan.token, body: { note: "x", score: 3 } })).status).toBe(403);

    // A lead changes nothing an admin manages, and the refusal changes nothing.
    const targetsBefore = (await api(server.url, "/api/reports/targets", { token: server.adminToken })).body;
    const refused: Array<[string, string, unknown?]> = [
      ["PUT", "/api/reports/targets", [{ metric: "rating_average", target: 4 }]],
      ["GET", "/api/users"],
      ["POST", "/api/users", { email: "new@example.com", name: "New", password: "a-long-password-1", role: "operator" }],
      ["PATCH", `/api/users/${eva.id}`, { role: "admin" }],
      ["GET", "/api/settings"],
      ["PATCH", "/api/settings", { waitLimitSeconds: 30 }],
      ["GET", "/api/audit"],
      ["POST", "/api/contact-reasons", { names: { nl: "Factuur", en: "Invoice" } }],
    ];
    for (const [method, path, body] of refused) {
      expect([method, path, (await api(server.url, path, { method, token: lotte.token, body })).status]).toEqual([method, path, 403]);
    }
    expect((await api(server.url, "/api/reports/targets", { token: server.adminToken })).body).toEqual(targetsBefore);
    expect((await api<User[]>(server.url, "/api/users", { token: server.adminToken })).body.find((u) => u.id === eva.id)?.role).toBe("operator");
    for (const s of [evaSocket, rob.socket]) s.disconnect();
  }, 60_000);
});

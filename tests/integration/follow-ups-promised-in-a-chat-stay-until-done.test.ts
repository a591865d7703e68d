// Keeping promises: a follow-up promised in a chat stays on the whole team's list until someone
// marks it done, the transcript records it for colleagues (never for the visitor), and the reports
// count promises kept on time.
import { describe, expect, it } from "vitest";
import type { Conversation, FollowUp, Message, ReportSummary } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, emitAck, eventually, nextEvent, sleep } from "../support/clients.js";
import { member, startChat } from "./routing-support.js";

const server = useTestServer();
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("a follow-up promised in a chat", () => {
  it("is refused without what it needs, in the operator's language, and nothing is recorded", async () => {
    const noor = await member(server, "Noor", 2);
    const chat = await startChat(server, "Refused");
    const path = `/api/conversations/${chat.conversationId}/follow-ups`;
    const noPhone = await api<{ error: { code: string; field: string; message: string } }>(server.url, path, {
      token: noor.token,
      body: { channel: "callback", dueAt: inHours(2), note: "Bellen over de factuur" },
      headers: { "x-locale": "nl" },
    });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error).toMatchObject({ code: "BAD_REQUEST", field: "phone", message: expect.stringContaining("controleer") });
    const past = await api<{ error: { field: string } }>(server.url, path, { token: noor.token, body: { channel: "email", dueAt: inHours(-2), note: "Mailen" } });
    expect(past.status).toBe(400);
    expect(past.body.error.field).toBe("dueAt");
    const farAway = await api(server.url, path, { token: noor.token, body: { channel: "email", dueAt: inHours(24 * 100), note: "Mailen" } });
    expect(farAway.status).toBe(400);
    const colleague = await member(server, "Sem", 2, "away");
    const notTheirs = await api<{ error: { code: string } }>(server.url, path, { token: colleague.token, body: { channel: "chat", dueAt: inHours(1), note: "Kijk ik na" } });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.error.code).toBe("NOT_ASSIGNED");
    expect((await api<FollowUp[]>(server.url, path, { token: noor.token })).body).toEqual([]);
    // Signed off before the next test's chat comes in, so that chat cannot be routed to Noor.
    await emitAck(noor.socket, "presence:set", { status: "offline" });
    noor.socket.close();
    colleague.socket.close();
    chat.socket.close();
  });

  it("is noted in the transcript for the team only, listed until a colleague marks it done, and counted in the reports", async () => {
    const anna = await member(server, "Anna", 3);
    const bernard = await member(server, "Bernard", 3, "away");
    const chat = await startChat(server, "Cornelis");
    await eventually(() => expect(anna.assigned.map((c) => c.id)).toContain(chat.conversationId));
    const noted = nextEvent<Message>(anna.socket, "message", (m) => m.kind === "note");
    const announced = nextEvent<FollowUp>(bernard.socket, "followup:updated");
    // A promise is the action the question called for: the chat moves on to that phase.
    const movedOn = nextEvent<Conversation>(anna.socket, "conversation:updated", (c) => c.id === chat.conversationId && c.phase === "action");

    const callback = await api<FollowUp>(server.url, `/api/conversations/${chat.conversationId}/follow-ups`, {
      token: anna.token,
      body: { channel: "callback", phone: "+31 6 1234 5678", dueAt: inHours(2), note: "Terugbellen over de levering" },
      headers: { "x-locale": "nl" },
    });
    expect(callback.status).toBe(201);
    expect(callback.body).toMatchObject({
      conversationId: chat.conversationId,
      visitor: { name: "Cornelis" },
      operator: { id: anna.id, name: "Anna" },
      channel: "callback",
      phone: "+31 6 1234 5678",
      doneAt: null,
    });
    expect((await announced).id).toBe(callback.body.id);
    expect((await movedOn).phase).toBe("action");
    const note = await noted;
    expect(note.body).toMatch(/^Toegezegd: terugbellen op \+31 6 1234 5678 vóór .+\. Terugbellen over de levering$/);
    expect(note.meta?.followUpId).toBe(callback.body.id);
    // A promise just made and one that is already due: the list is in order of when they are due.
    const email = await api<FollowUp>(server.url, `/api/conversations/${chat.conversationId}/follow-ups`, {
      token: anna.token,
      body: { channel: "email", dueAt: new Date(Date.now() - 30_000).toISOString(), note: "Send the return label" },
    });
    expect(email.status).toBe(201);

    const open = await api<FollowUp[]>(server.url, "/api/follow-ups", { token: bernard.token });
    expect(open.body.map((f) => f.id)).toEqual([email.body.id, callback.body.id]);
    expect(chat.messages.some((m) => m.kind === "note")).toBe(false);

    const done = await api<FollowUp>(server.url, `/api/follow-ups/${callback.body.id}/done`, { token: bernard.token, body: { done: true } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ doneAt: expect.any(String), doneBy: { id: bernard.id, name: "Bernard" } });
    await sleep(20);
    const twice = await api<FollowUp>(server.url, `/api/follow-ups/${callback.body.id}/done`, { token: anna.token, body: { done: true } });
    expect(twice.body).toMatchObject({ doneAt: done.body.doneAt, doneBy: { id: bernard.id } });
    expect((await api<FollowUp[]>(server.url, "/api/follow-ups", { token: anna.token })).body.map((f) => f.id)).toEqual([email.body.id]);
    expect((await api<FollowUp[]>(server.url, "/api/follow-ups?status=done", { token: anna.token })).body.map((f) => f.id)).toEqual([callback.body.id]);

    const report = await api<ReportSummary>(server.url, "/api/reports/summary", { token: server.adminToken });
    expect(report.body.followUps).toEqual({ promised: 2, keptOnTime: 1, keptLate: 0, open: 1, overdue: 1, keptOnTimeRate: 0.5 });

    const reopened = await api<FollowUp>(server.url, `/api/follow-ups/${callback.body.id}/done`, { token: anna.token, body: { done: false } });
    expect(reopened.body.doneAt).toBeNull();
    expect((await api(server.url, "/api/follow-ups/nope/done", { token: anna.token, body: { done: true } })).status).toBe(404);
    expect((await api(server.url, "/api/follow-ups", {})).status).toBe(401);
    anna.socket.close();
    bernard.socket.close();
    chat.socket.close();
  });
});

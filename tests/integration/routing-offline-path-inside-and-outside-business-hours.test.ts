import { describe, expect, it } from "vitest";
import type { Availability, OfflineMessage, Settings } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, nextEvent } from "../support/clients.js";
import { member, patchSettings } from "./routing-support.js";

const server = useTestServer();

const allDay = [{ open: "00:00", close: "00:00" }];
const alwaysOpen: Settings["businessHours"] = {
  enabled: true,
  timeZone: "UTC",
  days: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  closedDates: [],
};
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Open every day around the clock, except yesterday, today and tomorrow: closed now whatever the hour. */
const closedNow: Settings["businessHours"] = { ...alwaysOpen, closedDates: [dayOffset(-1), dayOffset(0), dayOffset(1)] };

describe("the offline path", () => {
  it("inside business hours with nobody online: open, but nobody to answer", async () => {
    await patchSettings(server, { businessHours: alwaysOpen });
    const { socket, session } = await connectVisitor(server.url, { locale: "en" });
    expect(session.availability).toMatchObject({ open: true, operatorsOnline: false });
    // An operator coming online is pushed to the widget.
    const pushed = nextEvent<Availability>(socket, "availability", (a) => a.operatorsOnline);
    const uma = await member(server, "Uma", 2);
    expect(await pushed).toMatchObject({ open: true, operatorsOnline: true });
    const gone = nextEvent<Availability>(socket, "availability", (a) => !a.operatorsOnline);
    expect((await emitAck(uma.socket, "presence:set", { status: "away" })).ok).toBe(true);
    expect(await gone).toMatchObject({ open: true, operatorsOnline: false });
    uma.socket.close();
    socket.close();
  });

  it("outside business hours: closed, even with someone online; a message left is listed with its due time and can be handled", async () => {
    const vera = await member(server, "Vera", 2);
    await patchSettings(server, { businessHours: closedNow, offlineAnswerHours: 8 });
    const { socket, session } = await connectVisitor(server.url, { locale: "nl" });
    expect(session.availability).toMatchObject({ open: false, operatorsOnline: true });

    const announced = nextEvent<OfflineMessage>(vera.socket, "offline:new");
    const first = await emitAck(socket, "offline:message", { name: "Wim", email: "wim@example.com", body: "Kunt u mij terugbellen over mijn factuur?", phone: "+31 6 1234 5678", callbackRequested: true });
    expect(first).toMatchObject({ ok: true, id: expect.any(String), dueAt: expect.any(String) });
    expect((await announced).id).toBe(first.id);
    const second = await emitAck(socket, "offline:message", { name: "Xandra", email: "xandra@example.com", body: "Second question" });
    expect(second.ok).toBe(true);

    const listed = await api<OfflineMessage[]>(server.url, "/api/offline-messages", { token: vera.token });
    expect(listed.status).toBe(200);
    const ours = listed.body.filter((m) => m.id === first.id || m.id === second.id);
    expect(ours.map((m) => m.id)).toEqual([second.id, first.id]);
    const wim = ours[1]!;
    expect(wim).toMatchObject({ name: "Wim", phone: "+31 6 1234 5678", callbackRequested: true, locale: "nl", handledAt: null });
    expect(ours[0]).toMatchObject({ callbackRequested: false, handledAt: null });
    // The promise is counted in open time: the closed days first, then 8 hours from midnight.
    expect(wim.dueAt).toBe(`${dayOffset(2)}T08:00:00.000Z`);

    // The whole team hears it, so nobody calls the same customer back twice.
    const told = nextEvent<OfflineMessage>(vera.socket, "offline:updated", (m) => m.id === first.id);
    const handled = await api<OfflineMessage>(server.url, `/api/offline-messages/${first.id}/handled`, { method: "POST", token: vera.token, body: {} });
    expect(handled.status).toBe(200);
    expect((await told).handledAt).toBe(handled.body.handledAt);
    expect(handled.body.handledAt).toEqual(expect.any(String));
    const again = await api<OfflineMessage[]>(server.url, "/api/offline-messages", { token: vera.token });
    expect(again.body.find((m) => m.id === first.id)?.handledAt).toBe(handled.body.handledAt);
    expect(again.body.find((m) => m.id === second.id)?.handledAt).toBeNull();

    // Opening again is pushed to the widget.
    const reopened = nextEvent<Availability>(socket, "availability", (a) => a.open);
    await patchSettings(server, { businessHours: alwaysOpen });
    expect(await reopened).toMatchObject({ open: true, operatorsOnline: true });
    socket.close();
    vera.socket.close();
  });

  it("outside business hours a new chat is refused in the visitor's language and stores nothing; an open chat carries on", async () => {
    const wim = await member(server, "Wim", 2);
    await patchSettings(server, { businessHours: alwaysOpen });
    const early = await connectVisitor(server.url, { locale: "en" });
    const started = await emitAck(early.socket, "conversation:start", { body: "Still there?", clientId: "early-1" });
    expect(started.ok).toBe(true);

    await patchSettings(server, { businessHours: closedNow });
    const before = await api<Array<{ id: string }>>(server.url, "/api/conversations", { token: server.adminToken });
    const late = await connectVisitor(server.url, { locale: "nl" });
    const pushed = nextEvent<Availability>(late.socket, "availability", (a) => !a.open);
    const refused = await emitAck(late.socket, "conversation:start", { body: "Bent u er nog?", clientId: "late-1" });
    expect(refused).toMatchObject({ ok: false, error: { code: "CLOSED", message: expect.stringContaining("gesloten") } });
    // The widget hears why, with the next opening time, and switches to the message form.
    expect(await pushed).toMatchObject({ open: false, opensAt: expect.any(String) });
    const after = await api<Array<{ id: string }>>(server.url, "/api/conversations", { token: server.adminToken });
    expect(after.body.map((c) => c.id).sort()).toEqual(before.body.map((c) => c.id).sort());

    // The chat that began while open is not cut off by closing time.
    const more = await emitAck(early.socket, "message:send", { conversationId: started.conversation.id, clientId: "early-2", body: "One more thing" });
    expect(more.ok).toBe(true);
    const again = await emitAck(early.socket, "conversation:start", { clientId: "early-3" });
    expect(again).toMatchObject({ ok: true, conversation: { id: started.conversation.id } });

    await patchSettings(server, { businessHours: alwaysOpen });
    early.socket.close();
    late.socket.close();
    wim.socket.close();
  });

  it("marks nothing handled for someone who is not signed in", async () => {
    const res = await api(server.url, "/api/offline-messages", {});
    expect(res.status).toBe(401);
  });
});

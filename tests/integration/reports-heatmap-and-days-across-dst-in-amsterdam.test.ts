// The reachability picture in Europe/Amsterdam over both DST changes of 2026: chats per hour of the week,
// operators' online hours beside them, chats per day, and the same tables as CSV.
import { describe, expect, it } from "vitest";
import type { DailyFigures, Heatmap } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api } from "../support/clients.js";

const server = useTestServer();
const AMS = "Europe/Amsterdam";

let visitors = 0;
async function seedChat(at: string, extra: { closeReason?: string; operatorId?: string; reasonId?: string } = {}) {
  const db = server.ctx.db;
  const visitor = await db.visitor.create({ data: { tokenHash: `dst-${++visitors}`, name: "Rob" } });
  const createdAt = new Date(at);
  const conversation = await db.conversation.create({
    data: { visitorId: visitor.id, createdAt, queuedAt: createdAt, status: "closed", closedAt: new Date(createdAt.getTime() + 600_000), closeReason: extra.closeReason ?? "visitor_left", operatorId: extra.operatorId ?? null },
  });
  if (extra.reasonId) await db.conversationReason.create({ data: { conversationId: conversation.id, reasonId: extra.reasonId } });
  return conversation.id;
}

const heatmap = (query: string) => api<Heatmap>(server.url, `/api/reports/heatmap?${query}`, { token: server.adminToken });
const csv = async (query: string) => {
  const res = await fetch(`${server.url}/api/reports/export.csv?${query}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};

describe("the reachability picture across DST in Amsterdam", () => {
  it("puts chats in the local hour of the week around the spring change, when 02:00 does not exist", async () => {
    await seedChat("2026-03-27T22:50:00Z"); // Fri 23:50, before the range
    await seedChat("2026-03-27T23:10:00Z"); // Sat 00:10 CET
    await seedChat("2026-03-28T23:30:00Z"); // Sun 00:30 CET
    await seedChat("2026-03-29T00:30:00Z", { closeReason: "missed" }); // Sun 01:30 CET
    await seedChat("2026-03-29T01:30:00Z"); // Sun 03:30 CEST
    await seedChat("2026-03-29T01:45:00Z"); // Sun 03:45 CEST
    await seedChat("2026-03-30T21:59:00Z"); // Mon 23:59 CEST
    await seedChat("2026-03-30T22:00:00Z"); // Tue 00:00 CEST, after the range
    const op = await server.ctx.db.user.create({ data: { email: "night@example.com", name: "Nachtdienst" } });
    // Online from 01:30 CET to 04:30 CEST: two real hours, spread over the local hours 1, 3 and 4.
    await server.ctx.db.presenceInterval.create({ data: { userId: op.id, presence: "online", startedAt: new Date("2026-03-29T00:30:00Z"), endedAt: new Date("2026-03-29T02:30:00Z") } });
    await server.ctx.db.presenceInterval.create({ data: { userId: op.id, presence: "away", startedAt: new Date("2026-03-29T02:30:00Z"), endedAt: new Date("2026-03-29T05:00:00Z") } });
    await server.ctx.db.offlineMessage.create({ data: { name: "Mia", email: "mia@example.com", body: "Bel me", createdAt: new Date("2026-03-29T10:00:00Z"), dueAt: new Date("2026-03-30T10:00:00Z") } });

    const res = await heatmap(`from=2026-03-28&to=2026-03-30&tz=${AMS}`);
    expect(res.status).toBe(200);
    const { cells, operatorHours, busiest, tz, from, to } = res.body;
    expect({ tz, from, to }).toEqual({ tz: AMS, from: "2026-03-27T23:00:00.000Z", to: "2026-03-30T22:00:00.000Z" });
    expect(cells).toHaveLength(7);
    expect(cells.every((row) => row.length === 24)).toBe(true);
    const nonEmpty = cells.flatMap((row, day) => row.flatMap((n, hour) => (n ? [[day, hour, n]] : [])));
    expect(nonEmpty).toEqual([[0, 23, 1], [5, 0, 1], [6, 0, 1], [6, 1, 1], [6, 3, 2]]);
    const staffed = operatorHours.flatMap((row, day) => row.flatMap((h, hour) => (h ? [[day, hour, h]] : [])));
    expect(staffed).toEqual([[6, 1, 0.5], [6, 3, 1], [6, 4, 0.5]]);
    expect(busiest[0]).toEqual({ weekday: 6, hour: 3, chats: 2, operatorHours: 1 });
    expect(busiest.map((b) => [b.weekday, b.hour])).toEqual([[6, 3], [0, 23], [5, 0], [6, 0], [6, 1]]);

    // The same instants in UTC land elsewhere: Saturday 23:00 instead of Sunday 00:00.
    const utc = await heatmap("from=2026-03-28&to=2026-03-30&tz=UTC");
    expect(utc.body.cells[5][23]).toBe(1);
    expect(utc.body.cells[6][0]).toBe(1);

    const daily = await api<{ tz: string; days: DailyFigures[] }>(server.url, `/api/reports/daily?from=2026-03-28&to=2026-03-30&tz=${AMS}`, { token: server.adminToken });
    expect(daily.body.days).toEqual([
      { date: "2026-03-28", chats: 1, missed: 0, offlineMessages: 0 },
      { date: "2026-03-29", chats: 4, missed: 1, offlineMessages: 1 },
      { date: "2026-03-30", chats: 1, missed: 0, offlineMessages: 0 },
    ]);
    const dailyCsv = await csv(`table=daily&from=2026-03-28&to=2026-03-30&tz=${AMS}`);
    expect(dailyCsv.type).toMatch(/^text\/csv/);
    expect(dailyCsv.text).toBe("date,chats,missed,offline_messages\r\n2026-03-28,1,0,0\r\n2026-03-29,4,1,1\r\n2026-03-30,1,0,0\r\n");
    const heatCsv = await csv(`table=heatmap&from=2026-03-28&to=2026-03-30&tz=${AMS}`);
    expect(heatCsv.text.split("\r\n")).toContain("sun,3,2,1");
    expect(heatCsv.text.split("\r\n")).toHaveLength(1 + 7 * 24 + 1);
  });

  it("counts both 02:00 hours of the autumn change in the same cell", async () => {
    await seedChat("2026-10-25T00:30:00Z"); // 02:30 CEST
    await seedChat("2026-10-25T01:30:00Z"); // 02:30 CET, an hour later
    await seedChat("2026-10-25T02:30:00Z"); // 03:30 CET
    const op = await server.ctx.db.user.create({ data: { email: "autumn@example.com", name: "Herfst" } });
    await server.ctx.db.presenceInterval.create({ data: { userId: op.id, presence: "online", startedAt: new Date("2026-10-25T00:00:00Z"), endedAt: new Date("2026-10-25T02:00:00Z") } });
    const res = await heatmap(`from=2026-10-25&to=2026-10-25&tz=${AMS}`);
    // A Sunday of 25 hours: 22:00 UTC the day before to 23:00 UTC.
    expect({ from: res.body.from, to: res.body.to }).toEqual({ from: "2026-10-24T22:00:00.000Z", to: "2026-10-25T23:00:00.000Z" });
    expect(res.body.cells[6][2]).toBe(2);
    expect(res.body.cells[6][3]).toBe(1);
    expect(res.body.cells.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(res.body.operatorHours[6][2]).toBe(2);
    expect(res.body.operatorHours.flat().reduce((a, b) => a + b, 0)).toBe(2);
    const daily = await api<{ days: DailyFigures[] }>(server.url, `/api/reports/daily?from=2026-10-25&to=2026-10-25&tz=${AMS}`, { token: server.adminToken });
    expect(daily.body.days).toEqual([{ date: "2026-10-25", chats: 3, missed: 0, offlineMessages: 0 }]);
  });

  it("exports the raw chat rows with RFC 4180 quoting and no cell a spreadsheet would run as a formula", async () => {
    const op = await server.ctx.db.user.create({ data: { email: "formula@example.com", name: '=HYPERLINK("http://evil.example")' } });
    const reason = await server.ctx.db.contactReason.create({ data: { nameNl: "Factuur, \"te laat\"", nameEn: "@invoice\nlate" } });
    const id = await seedChat("2026-06-10T08:15:00Z", { operatorId: op.id, reasonId: reason.id });
    const res = await csv(`table=chats&from=2026-06-10&to=2026-06-10&tz=${AMS}`);
    expect(res.status).toBe(200);
    const [header, ...rest] = res.text.split("\r\n");
    expect(header).toBe("id,startedLocal,startedAt,status,closeReason,operator,firstResponseSeconds,closedAt,phaseReached,transfers,rating,reasonsEn,reasonsNl");
    expect(rest.join("\r\n")).toBe(
      `${id},2026-06-10 10:15:00,2026-06-10T08:15:00.000Z,closed,visitor_left,"'=HYPERLINK(""http://evil.example"")",,2026-06-10T08:25:00.000Z,opening,0,,"'@invoice\nlate","Factuur, ""te laat"""\r\n`,
    );
    const reasons = await csv(`table=reasons&from=2026-06-10&to=2026-06-10`);
    expect(reasons.text).toContain(`${reason.id},"'@invoice\nlate","Factuur, ""te laat""",true,1\r\n`);
    expect((await csv("table=nonsense")).status).toBe(400);
    expect((await heatmap("tz=Mars/Olympus")).status).toBe(400);
  });
});

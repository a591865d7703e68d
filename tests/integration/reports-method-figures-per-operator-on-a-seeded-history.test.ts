// Per-operator method figures over a period, on a history seeded message by message and event by event:
// greeting, confirmed summary and full closing shares, the median and p90 time to greeting, hints per chat.
import { describe, expect, it } from "vitest";
import type { OperatorReport } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api } from "../support/clients.js";

const server = useTestServer();

type Step =
  | { at: number; visitor: string }
  | { at: number; operator: string; summary?: boolean }
  | { at: number; event: string; data?: Record<string, unknown>; by?: "operator" | "visitor" | "system" };

let chats = 0;
/** One closed chat, started at `start`; each step `at` seconds later. */
async function seedChat(start: string, operatorId: string, visitorName: string, steps: Step[], reasonId?: string): Promise<string> {
  const db = server.ctx.db;
  const t0 = Date.parse(start);
  const when = (s: number) => new Date(t0 + s * 1000);
  const visitor = await db.visitor.create({ data: { tokenHash: `method-${++chats}`, name: visitorName } });
  const conversation = await db.conversation.create({
    data: { visitorId: visitor.id, operatorId, locale: "nl", status: "closed", createdAt: when(0), queuedAt: when(0), assignedAt: when(1), closedAt: when(steps.at(-1)!.at) },
  });
  let seq = 0;
  for (const step of steps) {
    if ("visitor" in step) {
      await db.message.create({ data: { conversationId: conversation.id, seq: ++seq, kind: "text", authorType: "visitor", authorName: visitorName, body: step.visitor, createdAt: when(step.at) } });
    } else if ("operator" in step) {
      await db.message.create({
        data: { conversationId: conversation.id, seq: ++seq, kind: "text", authorType: "operator", authorId: operatorId, authorName: "Medewerker", body: step.operator, createdAt: when(step.at), meta: step.summary ? JSON.stringify({ summary: true }) : null },
      });
    } else {
      const actorType = step.by ?? "operator";
      await db.conversationEvent.create({
        data: { conversationId: conversation.id, type: step.event, actorType, actorId: actorType === "visitor" ? null : operatorId, data: step.data ? JSON.stringify(step.data) : null, createdAt: when(step.at) },
      });
    }
  }
  await db.conversation.update({ where: { id: conversation.id }, data: { lastSeq: seq } });
  if (reasonId) await db.conversationReason.create({ data: { conversationId: conversation.id, reasonId } });
  return conversation.id;
}

const closing = (at: number): Step[] => [
  { at, event: "phase_changed", data: { from: "response", to: "closing" } },
  { at: at + 1, event: "checklist_checked", data: { item: "asked_resolved" } },
  { at: at + 2, event: "checklist_checked", data: { item: "asked_more_questions" } },
  { at: at + 3, event: "checklist_checked", data: { item: "said_goodbye" } },
];

describe("per-operator method figures", () => {
  it("count greetings, confirmed summaries, full closings, time to greeting and hints of the period's answered chats", async () => {
    const db = server.ctx.db;
    const eva = await db.user.create({ data: { email: "eva.method@example.com", name: "Eva Method" } });
    const twan = await db.user.create({ data: { email: "twan.method@example.com", name: "Twan Method" } });
    const parcel = await db.contactReason.create({ data: { nameNl: "Pakket", nameEn: "Parcel", position: 1 } });

    // Eva, by the method: greeted after 10 s, summary confirmed before the answer, full closing, no hints.
    await seedChat("2026-10-24T09:00:00Z", eva.id, "Rob", [
      { at: 0, visitor: "Waar is mijn pakket?" },
      { at: 5, event: "assigned", data: { how: "routed" }, by: "system" },
      { at: 15, operator: "Goedemorgen Rob, ik ben Eva. Waarmee kan ik u helpen?" },
      { at: 15.5, event: "phase_changed", data: { from: "opening", to: "question" } },
      { at: 30, visitor: "Het is niet aangekomen." },
      { at: 40, operator: "Dus uw pakket is niet aangekomen, klopt dat?", summary: true },
      { at: 50, event: "summary_answered", data: { answer: "yes" }, by: "visitor" },
      { at: 50.5, event: "phase_changed", data: { from: "question", to: "response" }, by: "visitor" },
      { at: 60, operator: "Het pakket wordt morgen bezorgd, Rob." },
      ...closing(70),
      { at: 80, event: "visitor_left", by: "visitor" },
      { at: 81, event: "closed", by: "system" },
    ], parcel.id);
    // Eva, rushed (across the night the clocks went back): no greeting after 30 s, closed before the visitor left.
    await seedChat("2026-10-25T01:30:00Z", eva.id, "Mia", [
      { at: 0, visitor: "Hallo?" },
      { at: 10, event: "assigned", data: { how: "routed" }, by: "system" },
      { at: 40, operator: "Wat is uw ordernummer?" },
      { at: 50, event: "closed" },
      { at: 60, event: "visitor_left", by: "visitor" },
    ]);
    // Eva, greeted after 20 s with two exclamation marks (one hint), full closing, no summary.
    await seedChat("2026-10-26T14:00:00Z", eva.id, "Anna", [
      { at: 0, visitor: "Ik wil iets vragen over mijn factuur." },
      { at: 2, event: "assigned", data: { how: "claimed" }, by: "system" },
      { at: 22, operator: "Goedemiddag Anna, u spreekt met Eva!! Waarmee kan ik u helpen?" },
      { at: 22.5, event: "phase_changed", data: { from: "opening", to: "question" } },
      { at: 30, operator: "Dank u wel voor uw vraag, Anna." },
      ...closing(40),
      { at: 50, event: "visitor_left", by: "visitor" },
    ]);
    // Eva, never answered: not one of her reviewed chats.
    await seedChat("2026-10-27T10:00:00Z", eva.id, "Piet", [
      { at: 0, visitor: "Is daar iemand?" },
      { at: 3, event: "assigned", data: { how: "routed" }, by: "system" },
      { at: 90, event: "visitor_left", by: "visitor" },
    ]);
    // Eva, outside the period.
    await seedChat("2026-11-05T10:00:00Z", eva.id, "Kees", [
      { at: 0, visitor: "Hallo" },
      { at: 1, event: "assigned", data: { how: "routed" }, by: "system" },
      { at: 2, operator: "Wat is er?" },
    ]);
    // Twan: greeted after 45 s, the visitor said no to the summary.
    await seedChat("2026-10-28T19:00:00Z", twan.id, "Sanne", [
      { at: 0, visitor: "Ik wil opzeggen." },
      { at: 5, event: "assigned", data: { how: "routed" }, by: "system" },
      { at: 50, operator: "Goedenavond Sanne, ik ben Twan. Waarmee kan ik u helpen?" },
      { at: 50.5, event: "phase_changed", data: { from: "opening", to: "question" } },
      { at: 60, operator: "Dus u wilt uw abonnement opzeggen, klopt dat?", summary: true },
      { at: 70, event: "summary_answered", data: { answer: "no" }, by: "visitor" },
      { at: 80, event: "visitor_left", by: "visitor" },
    ]);

    const figures = async (query: string) => {
      const res = await api<{ operators: OperatorReport[] }>(server.url, `/api/reports/operators?${query}`, { token: server.adminToken });
      expect(res.status).toBe(200);
      return (id: string) => res.body.operators.find((o) => o.operator.id === id)!.method;
    };
    const period = await figures("from=2026-10-20&to=2026-10-30");
    expect(period(eva.id)).toEqual({
      reviewed: 3,
      greetedRate: 0.67,
      summaryConfirmedRate: 0.33,
      fullClosingRate: 0.67,
      secondsToGreeting: { median: 20, p90: 30 },
      hintsPerChat: 0.67,
    });
    expect(period(twan.id)).toEqual({
      reviewed: 1,
      greetedRate: 1,
      summaryConfirmedRate: 0,
      fullClosingRate: 0,
      secondsToGreeting: { median: 45, p90: 45 },
      hintsPerChat: 0,
    });

    // Narrowed to one contact reason: only Eva's parcel chat.
    const parcelOnly = await figures(`from=2026-10-20&to=2026-10-30&reason=${parcel.id}`);
    expect(parcelOnly(eva.id)).toMatchObject({ reviewed: 1, greetedRate: 1, summaryConfirmedRate: 1, fullClosingRate: 1, secondsToGreeting: { median: 10, p90: 10 }, hintsPerChat: 0 });
    expect(parcelOnly(twan.id)).toMatchObject({ reviewed: 0, greetedRate: null, hintsPerChat: null });

    // The CSV carries the same figures.
    const csv = await fetch(`${server.url}/api/reports/export.csv?table=operators&from=2026-10-20&to=2026-10-30`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const row = (await csv.text()).split("\r\n").find((line) => line.startsWith("Eva Method,"));
    expect(row?.split(",").slice(-5)).toEqual(["0.67", "0.33", "0.67", "20", "0.67"]);
  }, 60_000);
});

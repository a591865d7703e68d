import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyMethodEvent,
  CHECKLIST_ITEMS,
  emptyChecklist,
  etiquetteHints,
  fillPlaceholders,
  findUnknownPlaceholders,
  LOCALES,
  PHASES,
  type ChecklistItem,
  type Locale,
  type MethodState,
  type Phase,
} from "@live-chat/protocol";

interface SeedReply {
  title: string;
  body: string;
  shortcut: string;
  locale: Locale;
  phases: Phase[];
  checklistItem?: ChecklistItem;
}

const replies = JSON.parse(
  readFileSync(new URL("../../prisma/seed/canned-replies.json", import.meta.url), "utf8"),
) as SeedReply[];

describe("the seeded canned replies", () => {
  it.each(LOCALES)("offer %s replies for every phase, about a dozen or more", (locale) => {
    const ours = replies.filter((reply) => reply.locale === locale);
    expect(ours.length).toBeGreaterThanOrEqual(12);
    expect(ours.length).toBeLessThanOrEqual(16);
    for (const phase of PHASES) expect(ours.some((reply) => reply.phases.includes(phase))).toBe(true);
  });

  it("are well formed", () => {
    for (const reply of replies) {
      expect(reply.title.trim()).not.toBe("");
      expect(reply.body.trim()).not.toBe("");
      expect(reply.shortcut).toMatch(/^[a-z][a-z-]*$/);
      expect(LOCALES).toContain(reply.locale);
      expect(reply.phases.length).toBeGreaterThan(0);
      for (const phase of reply.phases) expect(PHASES).toContain(phase);
      if (reply.checklistItem) expect(CHECKLIST_ITEMS).toContain(reply.checklistItem);
    }
  });

  it.each(LOCALES)("have unique %s shortcuts and titles", (locale) => {
    const ours = replies.filter((reply) => reply.locale === locale);
    expect(new Set(ours.map((reply) => reply.shortcut)).size).toBe(ours.length);
    expect(new Set(ours.map((reply) => reply.title)).size).toBe(ours.length);
  });

  it("use only placeholders the inbox can fill", () => {
    for (const reply of replies) expect(findUnknownPlaceholders(reply.body)).toEqual([]);
  });

  it.each(LOCALES)("carry each closing step once in %s, and only on closing replies", (locale) => {
    const ours = replies.filter((reply) => reply.locale === locale && reply.checklistItem);
    expect(ours.map((reply) => reply.checklistItem).sort()).toEqual(["asked_more_questions", "asked_resolved", "said_goodbye"]);
    for (const reply of ours) expect(reply.phases).toEqual(["closing"]);
  });

  it("greet with the time of day and the operator's name, as the method opens", () => {
    for (const locale of LOCALES) {
      const greeting = replies.find((reply) => reply.locale === locale && reply.phases.includes("opening"));
      expect(greeting?.body).toMatch(/^\{greeting\}.*\{operator\.name\}.*\?$/);
    }
  });

  it("include clarify, summarise and a polite request to wait in both languages", () => {
    for (const locale of LOCALES) {
      const bodies = replies.filter((reply) => reply.locale === locale).map((reply) => reply.body);
      expect(bodies.some((body) => body.includes("{selection}"))).toBe(true);
      expect(bodies.some((body) => /^(Begrijp ik het goed dat|Do I understand correctly that)/.test(body))).toBe(true);
      expect(bodies.some((body) => /^(Mag ik u even laten wachten\?|May I put you on hold)/.test(body))).toBe(true);
    }
  });

  it("read as a polite operator writes, even with nothing known about the visitor", () => {
    for (const reply of replies) {
      const filled = fillPlaceholders(reply.body, { locale: reply.locale, operator: { name: "Sanne de Vries" } });
      expect(filled).not.toMatch(/[{}]|""|\s[,.?!]/);
      const hints = etiquetteHints(filled, {
        locale: reply.locale,
        phase: reply.phases[0],
        formal: true,
        visitorName: null,
        operatorTextsSent: reply.phases[0] === "opening" ? 0 : 3,
        nameUsedBefore: true,
      });
      expect(hints, reply.title).toEqual([]);
    }
  });

  it("move the conversation along the method when sent in order", () => {
    for (const locale of LOCALES) {
      let state: MethodState = { phase: "opening", phaseReached: "opening", status: "active", checklist: emptyChecklist(), pendingQuestion: null };
      const inOrder = locale === "nl" ? ["groet", "moment", "opgelost"] : ["greet", "hold", "resolved"];
      const phases: Phase[] = [];
      for (const shortcut of inOrder) {
        const reply = replies.find((candidate) => candidate.locale === locale && candidate.shortcut === shortcut);
        if (!reply) throw new Error(`no ${locale} reply with shortcut ${shortcut}`);
        state = applyMethodEvent(state, {
          type: "operator_message",
          kind: "text",
          cannedReply: { phases: reply.phases, checklistItem: reply.checklistItem },
        }).state;
        phases.push(state.phase);
      }
      expect(phases).toEqual(["question", "response", "closing"]);
      expect(state.pendingQuestion).toBe("asked_resolved");
    }
  });
});

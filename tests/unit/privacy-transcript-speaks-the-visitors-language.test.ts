// The export's readable transcript is in the visitor's language, names every author, marks notes
// and files, and keeps multi-line messages readable.
import { describe, expect, it } from "vitest";
import type { PrivacyExport } from "@live-chat/protocol";
import { renderTranscript } from "../../apps/server/src/privacy/transcript.js";

function exportOf(locale: "nl" | "en"): Omit<PrivacyExport, "transcript"> {
  const at = "2026-11-30T14:05:09.000Z";
  return {
    exportedAt: "2026-12-02T10:00:00.000Z",
    visitor: { id: "v1", name: "Ria", email: "ria@example.nl", locale, verified: false, timeZone: null, pageUrl: null, userAgent: null, createdAt: at, lastSeenAt: at },
    conversations: [
      {
        id: "c1", status: "closed", phase: "closing", locale, createdAt: at, closedAt: at, closeReason: "visitor_left",
        operator: { id: "o1", name: "Sanne" },
        messages: [
          { seq: 1, kind: "text", author: { type: "visitor", name: "Ria" }, body: "Regel een\nregel twee", channel: "chat", createdAt: at, attachments: ["bon.pdf"] },
          { seq: 2, kind: "note", author: { type: "operator", name: "Sanne" }, body: "klant belt terug", channel: "chat", createdAt: at, attachments: [] },
          { seq: 3, kind: "system", author: { type: "system", name: null }, body: "Sanne joined", channel: "chat", createdAt: at, attachments: [] },
        ],
        events: [],
        rating: { score: 4, comment: "prima", createdAt: at },
        followUps: [],
        reasons: [],
      },
    ],
    offlineMessages: [],
    mails: [],
    files: [],
  };
}

describe("the export's transcript", () => {
  it("speaks Dutch to a Dutch visitor", () => {
    const text = renderTranscript(exportOf("nl"));
    expect(text).toContain("Alles wat is bewaard over Ria <ria@example.nl>");
    expect(text).toContain("[2026-11-30 14:05:09 UTC] U: Regel een\n    regel twee [bestanden: bon.pdf]");
    expect(text).toContain("Sanne (interne notitie): klant belt terug");
    expect(text).toContain("Systeem: Sanne joined");
    expect(text).toContain('Beoordeling: 4/5 "prima"');
  });

  it("speaks English to anyone else", () => {
    const text = renderTranscript(exportOf("en"));
    expect(text).toContain("Everything stored about Ria <ria@example.nl>");
    expect(text).toContain("You: Regel een");
    expect(text).toContain("Sanne (internal note): klant belt terug");
    expect(text).not.toMatch(/Beoordeling|interne notitie/);
  });
});

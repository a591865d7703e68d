// The transcript by mail, asked by the visitor (transcript:email) or sent by the operator from the
// inbox (POST /api/conversations/:id/transcript/email): every message in order, attachments named,
// notes never; the operator's send defaults to the address the visitor gave, and with no address
// at all the caller is told so in their language and nothing is queued.
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually } from "../support/clients.js";
import { member } from "./routing-support.js";
import { startSmtpSink, toOf } from "./mail-support.js";
import { pdf, upload } from "./files-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
const server = useTestServer({ SMTP_URL: sink.url, MAIL_POLL_MS: "50" });

const mailsTo = (address: string) => sink.received.filter((m) => toOf(m) === address);

describe("the transcript by mail", () => {
  it("lists every message with its attachments by name and leaves the notes out, for the visitor and for the operator", async () => {
    const noor = await member(server, "Noor", 3, "online");
    const { socket: visitor } = await connectVisitor(server.url, { locale: "nl", name: "Bram" });
    const started = await emitAck(visitor, "conversation:start", { body: "Kunt u de factuur sturen?", clientId: "b-1" });
    const conversationId = started.conversation.id as string;
    await eventually(() => expect(noor.assigned.map((c) => c.id)).toContain(conversationId));
    const file = await upload(server.url, { operatorToken: noor.token }, { bytes: pdf("factuur"), name: "factuur-2026-001.pdf", key: "factuur-1" });
    expect(file.status).toBe(201);
    expect((await emitAck(noor.socket, "message:send", { conversationId, clientId: "n-1", body: "Hierbij de factuur.", attachments: [file.body.id] })).ok).toBe(true);
    expect((await emitAck(noor.socket, "message:send", { conversationId, clientId: "n-2", body: "Let op: klant belt vaak", kind: "note" })).ok).toBe(true);

    const none = await api<{ error: { code: string; message: string } }>(server.url, `/api/conversations/${conversationId}/transcript/email`, { token: noor.token, body: {}, headers: { "x-locale": "nl" } });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: "NO_EMAIL_ADDRESS", message: expect.stringContaining("Er is geen e-mailadres") });
    const bad = await emitAck(visitor, "transcript:email", { conversationId, email: "bram@" });
    expect(bad).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(await server.ctx.db.mailOutbox.count({ where: { kind: "transcript" } })).toBe(0);

    expect(await emitAck(visitor, "transcript:email", { conversationId, email: "bram@example.nl" })).toEqual({ ok: true });
    const mail = await eventually(() => {
      expect(mailsTo("bram@example.nl")).toHaveLength(1);
      return mailsTo("bram@example.nl")[0]!;
    });
    expect(mail.subject).toMatch(/^Uw chat met ons op /);
    expect(mail.text).toMatch(/\] U: Kunt u de factuur sturen\?\n\[[^\]]+\] Melding: Noor neemt deel aan de chat\.\n\[[^\]]+\] Noor: Hierbij de factuur\.\nBijlage: factuur-2026-001\.pdf \(\d+(,\d)? (B|KB|MB), [^)]+\)\n/);
    expect(mail.html).toContain("Bijlage: factuur-2026-001.pdf");
    expect(mail.text).not.toContain("klant belt vaak");
    expect(mail.attachments).toEqual([]);

    // From the inbox: the address the visitor gave is the default.
    const sent = await api<{ to: string; status: string }>(server.url, `/api/conversations/${conversationId}/transcript/email`, { token: noor.token, body: {} });
    expect(sent.status).toBe(202);
    expect(sent.body.to).toBe("bram@example.nl");
    await eventually(() => expect(mailsTo("bram@example.nl")).toHaveLength(2));
    visitor.close();
    noor.socket.close();
  });
});

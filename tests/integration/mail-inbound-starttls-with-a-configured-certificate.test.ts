// A mail server forwarding replies to us upgrades with STARTTLS when we offer it: with
// INBOUND_SMTP_TLS_CERT/KEY set the inbound listener offers it and a reply sent only over TLS
// lands in its chat; without them STARTTLS is not offered, so a sender that insists gets no TLS.
import { afterAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import type { Message } from "@live-chat/protocol";
import { startTestServer, useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually } from "../support/clients.js";
import { replyToOf, selfSignedCertificate, startSmtpSink, toOf } from "./mail-support.js";

const sink = await startSmtpSink();
afterAll(() => sink.close());
const certificate = selfSignedCertificate();
const server = useTestServer({
  SMTP_URL: sink.url,
  MAIL_FROM: "Support <support@shop.example>",
  MAIL_POLL_MS: "50",
  INBOUND_SMTP_PORT: "0",
  INBOUND_SMTP_TLS_CERT: certificate.certFile,
  INBOUND_SMTP_TLS_KEY: certificate.keyFile,
});

/** A sender that refuses to send in the clear (requireTLS) and trusts the test's own certificate. */
const tlsOnlySender = (port: number) => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });

describe("inbound STARTTLS", () => {
  it("takes a reply over TLS when a certificate is configured, into the chat it answers", async () => {
    const { socket } = await connectVisitor(server.url, { locale: "en" });
    const started = await emitAck(socket, "conversation:start", { body: "Do you ship to Belgium?", clientId: "c1" });
    const conversationId = started.conversation.id as string;
    expect((await emitAck(socket, "transcript:email", { conversationId, email: "lotte@example.com" })).ok).toBe(true);
    const transcript = await eventually(() => {
      const found = sink.received.find((m) => toOf(m) === "lotte@example.com");
      expect(found).toBeDefined();
      return found!;
    });

    await tlsOnlySender(server.services.mail.inboundPort!).sendMail({ from: "lotte@example.com", to: replyToOf(transcript), subject: `Re: ${transcript.subject}`, text: "And to Luxembourg?" });
    const messages = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
    expect(messages.body.map((m) => [m.body, m.channel ?? "chat"])).toEqual([
      ["Do you ship to Belgium?", "chat"],
      ["And to Luxembourg?", "mail"],
    ]);
    socket.close();
  });

  it("does not offer STARTTLS without a certificate, so a TLS-only sender cannot deliver", async () => {
    const plain = await startTestServer({ INBOUND_SMTP_PORT: "0" });
    try {
      const refused = tlsOnlySender(plain.services.mail.inboundPort!).sendMail({ from: "x@example.com", to: "someone@shop.example", subject: "hi", text: "hello" });
      await expect(refused).rejects.toMatchObject({ message: expect.stringContaining("STARTTLS") });
    } finally {
      await plain.close();
    }
  });
});

// The mail channel as one piece the server starts and stops: outbox, worker, inbound listener.
import type { Context } from "../context.js";
import type { MailAnnouncer } from "./announcer.js";
import type { ConversationService } from "../conversation/service.js";
import { FollowUpService } from "../conversation/follow-ups.js";
import type { InvitationService } from "../auth/invitations.js";
import { Outbox } from "./outbox.js";
import { MailWorker } from "./worker.js";
import { MailService } from "./service.js";
import { InboundMail } from "./inbound.js";

export interface MailChannel {
  service: MailService;
  outbox: Outbox;
  inbound: InboundMail;
  /** The inbound SMTP port actually bound (INBOUND_SMTP_PORT=0 picks a free one), when listening. */
  inboundPort?: number;
  stop: () => Promise<void>;
}

export async function startMail(ctx: Context, deps: { conversations: ConversationService; invitations: InvitationService; announce: MailAnnouncer }): Promise<MailChannel> {
  const outbox = new Outbox(ctx.db, ctx.config.mail);
  let service: MailService | undefined;
  const worker = new MailWorker(ctx.config.mail, outbox, ctx.work, ctx.log, () => service!.alertUnanswered());
  service = new MailService(ctx, outbox, worker, deps.invitations, new FollowUpService(ctx, deps.conversations), deps.announce);
  const inbound = new InboundMail(ctx, deps.conversations, deps.announce);
  const inboundPort = await inbound.listen();
  worker.start();
  if (!worker.configured) ctx.log.warn("SMTP_URL is not set: mail is kept in the outbox and not sent");
  return {
    service,
    outbox,
    inbound,
    inboundPort,
    stop: async () => {
      await inbound.close();
      await worker.stop();
    },
  };
}

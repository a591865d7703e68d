// How a node asks the other nodes of a cluster about their live visitors: server-side events over
// the Socket.IO adapter that already carries the rooms (Redis Streams), answered from each node's memory.
import type { Namespace } from "socket.io";
import type { LiveVisitor } from "@live-chat/protocol";
import type { Logger } from "../log.js";
import type { InviteOutcome, Inviter, LiveLocal, LivePeers } from "../live/hub.js";
import type { VisitSnapshot } from "../live/visitors.js";

type Answer<T> = (value: T) => void;

/** Answers the other nodes from this node's live visitors, and returns the way to ask them. */
export function connectLivePeers(ns: Namespace, local: LiveLocal, log: Logger): LivePeers {
  ns.on("live:list", (ack: Answer<LiveVisitor[]>) => ack(local.list()));
  ns.on("live:handover", (visitorId: string, ack: Answer<VisitSnapshot | null>) => ack(local.handOver(visitorId) ?? null));
  ns.on("live:invite", (visitorId: string, by: Inviter, ack: Answer<InviteOutcome>) => ack(local.invite(visitorId, by)));
  ns.on("live:inviter", (visitorId: string, ack: Answer<Inviter | null>) => ack(local.inviter(visitorId) ?? null));
  ns.on("live:dismissed", (visitorId: string) => local.dismissInvitation(visitorId));

  /** Every other node's answer; a node that does not answer in time is left out rather than waited for. */
  const ask = <T>(event: string, ...args: unknown[]): Promise<T[]> =>
    new Promise((resolve) => {
      ns.serverSideEmit(event, ...args, (err: Error | null, responses: T[]) => {
        if (err) log.warn({ err, event }, "a cluster node did not answer about live visitors");
        resolve(responses ?? []);
      });
    });
  const present = <T>(list: Array<T | null>): Array<T | undefined> => list.map((x) => x ?? undefined);

  return {
    list: () => ask<LiveVisitor[]>("live:list"),
    handOver: async (visitorId) => present(await ask<VisitSnapshot | null>("live:handover", visitorId)),
    invite: (visitorId, by) => ask<InviteOutcome>("live:invite", visitorId, by),
    inviter: async (visitorId) => present(await ask<Inviter | null>("live:inviter", visitorId)),
    dismissed: (visitorId) => ns.serverSideEmit("live:dismissed", visitorId),
  };
}

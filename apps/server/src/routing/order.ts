// Who gets the next chat, as a plain function: fewest open chats, then (in a cluster, with local-first
// routing) an operator on the visitor's node, then the longest idle; the id settles the rest.

export interface Candidate {
  id: string;
  openChats: number;
  lastAssignedAt: Date | null;
  presenceChangedAt: Date;
}

/**
 * Where the chat's visitor and each operator are connected, as this node sees it. A visitor on this
 * node prefers this node's operators; a visitor on another node (or gone) prefers operators elsewhere,
 * who may be on the visitor's node (with two nodes they are), over this node's, who are not.
 */
export interface Nearness {
  visitorHere: boolean;
  operatorHere: (operatorId: string) => boolean;
}

/** The candidates in the order they are offered the chat (a new array). */
export function routingOrder<T extends Candidate>(candidates: readonly T[], near?: Nearness): T[] {
  const idleSince = (c: T) => (c.lastAssignedAt ?? c.presenceChangedAt).getTime();
  // 0 = on the visitor's node or possibly so, 1 = surely not; all 0 without a preference.
  const distance = (c: T) => (near && near.operatorHere(c.id) !== near.visitorHere ? 1 : 0);
  return [...candidates].sort((a, b) => a.openChats - b.openChats || distance(a) - distance(b) || idleSince(a) - idleSince(b) || (a.id < b.id ? -1 : 1));
}

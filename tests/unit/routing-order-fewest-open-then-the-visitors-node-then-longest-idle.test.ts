// The order routing offers a chat in: fewest open chats, then (local-first) nearness to the visitor's node, then the longest idle.
import { describe, expect, it } from "vitest";
import { routingOrder, type Candidate } from "../../apps/server/src/routing/order.js";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute));
const op = (id: string, openChats: number, idleSinceMinute: number, assigned = false): Candidate => ({
  id,
  openChats,
  lastAssignedAt: assigned ? at(idleSinceMinute) : null,
  presenceChangedAt: assigned ? at(0) : at(idleSinceMinute),
});
const ids = (cs: Candidate[]) => cs.map((c) => c.id);

describe("routing order", () => {
  // anna: idle since 9:01 (online, nothing assigned); bram: last chat 9:02; cas: one open chat, idle since 9:00.
  const team = [op("cas", 1, 0), op("bram", 0, 2, true), op("anna", 0, 1)];
  const here = new Set(["bram", "cas"]);

  it("without a preference: fewest open chats, then the longest idle (the last assignment, else coming online)", () => {
    expect(ids(routingOrder(team))).toEqual(["anna", "bram", "cas"]);
  });

  it("puts this node's operators first among the fewest open chats when the visitor is on this node", () => {
    expect(ids(routingOrder(team, { visitorHere: true, operatorHere: (id) => here.has(id) }))).toEqual(["bram", "anna", "cas"]);
  });

  it("puts other nodes' operators first when the visitor is on another node (or gone)", () => {
    expect(ids(routingOrder(team, { visitorHere: false, operatorHere: (id) => !here.has(id) }))).toEqual(["bram", "anna", "cas"]);
    expect(ids(routingOrder(team, { visitorHere: false, operatorHere: (id) => here.has(id) }))).toEqual(["anna", "bram", "cas"]);
  });

  it("never lets nearness beat fewer open chats, and settles full ties by id without changing its input", () => {
    const twins = [op("b", 0, 3), op("a", 0, 3), op("near", 1, 0)];
    expect(ids(routingOrder(twins, { visitorHere: true, operatorHere: (id) => id === "near" }))).toEqual(["a", "b", "near"]);
    expect(ids(twins)).toEqual(["b", "a", "near"]);
  });
});

import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { emitAck } from "../support/clients.js";
import { conversation, member, startChat } from "./routing-support.js";

const server = useTestServer();

describe("conversation:claim", () => {
  it("takes a queued chat by hand, refuses one already taken and one over capacity", async () => {
    // Away operators get nothing routed, so the chats wait until claimed.
    const mila = await member(server, "Mila", 2, "away");
    const noor = await member(server, "Noor", 2, "away");
    const chats = [];
    for (let i = 0; i < 4; i++) chats.push(await startChat(server, `claim${i}`));
    const [c0, c1, c2, c3] = chats.map((c) => c.conversationId) as [string, string, string, string];

    const taken = await emitAck(mila.socket, "conversation:claim", { conversationId: c0 });
    expect(taken).toMatchObject({ ok: true, conversation: { id: c0, status: "active", operator: { id: mila.id } } });
    expect(mila.assigned.map((c) => c.id)).toContain(c0);

    expect(await emitAck(noor.socket, "conversation:claim", { conversationId: c0 })).toMatchObject({ ok: false, error: { code: "ALREADY_ASSIGNED" } });

    expect((await emitAck(mila.socket, "conversation:claim", { conversationId: c1 })).ok).toBe(true);
    expect(await emitAck(mila.socket, "conversation:claim", { conversationId: c2 })).toMatchObject({ ok: false, error: { code: "CAPACITY_REACHED" } });
    expect((await conversation(server, c2)).status).toBe("queued");

    // Two colleagues reach for the same chat at once: exactly one gets it.
    const [a, b] = await Promise.all([
      emitAck(noor.socket, "conversation:claim", { conversationId: c3 }),
      emitAck(mila.socket, "conversation:claim", { conversationId: c3 }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: "CAPACITY_REACHED" } });
    const ivy = await member(server, "Ivy", 1, "away");
    const [x, y] = await Promise.all([
      emitAck(noor.socket, "conversation:claim", { conversationId: c2 }),
      emitAck(ivy.socket, "conversation:claim", { conversationId: c2 }),
    ]);
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
    expect([x, y].find((r) => !r.ok)).toMatchObject({ error: { code: "ALREADY_ASSIGNED" } });
    const owner = (await conversation(server, c2)).operator?.id;
    expect(owner === noor.id ? noor.assigned : ivy.assigned).toEqual(expect.arrayContaining([expect.objectContaining({ id: c2 })]));
    expect((owner === noor.id ? ivy.assigned : noor.assigned).some((c) => c.id === c2)).toBe(false);
    for (const chat of chats) chat.socket.close();
  });
});

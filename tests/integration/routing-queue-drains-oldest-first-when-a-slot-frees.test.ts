import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { api, emitAck, eventually } from "../support/clients.js";
import { assignedTo, conversation, endChat, member, startChat } from "./routing-support.js";

const server = useTestServer();

describe("the queue", () => {
  it("drains oldest first on a close, a transfer away, a capacity raise and an operator coming online", async () => {
    const eva = await member(server, "Eva", 1);
    const first = await startChat(server, "q1");
    await assignedTo(server, first.conversationId, eva.id);
    const waiting = [];
    for (let i = 2; i <= 6; i++) waiting.push(await startChat(server, `q${i}`));
    for (const chatter of waiting) expect((await conversation(server, chatter.conversationId)).status).toBe("queued");
    const [q2, q3, q4, q5, q6] = waiting as [(typeof waiting)[number], (typeof waiting)[number], (typeof waiting)[number], (typeof waiting)[number], (typeof waiting)[number]];

    // A close frees Eva's slot: the oldest waiting chat is next.
    await endChat(first, eva);
    await assignedTo(server, q2.conversationId, eva.id);
    expect((await conversation(server, q3.conversationId)).status).toBe("queued");

    // A transfer to an away colleague frees it again.
    const finn = await member(server, "Finn", 1, "away");
    expect(await emitAck(eva.socket, "conversation:transfer", { conversationId: q2.conversationId, toOperatorId: finn.id })).toMatchObject({ ok: true });
    await assignedTo(server, q2.conversationId, finn.id);
    await assignedTo(server, q3.conversationId, eva.id);
    expect((await conversation(server, q4.conversationId)).status).toBe("queued");

    // Raising Eva's capacity opens a slot.
    const raised = await api(server.url, `/api/users/${eva.id}`, { method: "PATCH", token: server.adminToken, body: { maxChats: 2 } });
    expect(raised.status).toBe(200);
    await assignedTo(server, q4.conversationId, eva.id);
    expect((await conversation(server, q5.conversationId)).status).toBe("queued");

    // A colleague coming online takes the oldest of what is left, then the next.
    const gijs = await member(server, "Gijs", 2);
    await assignedTo(server, q5.conversationId, gijs.id);
    await assignedTo(server, q6.conversationId, gijs.id);
    await eventually(() => expect(gijs.assigned.map((c) => c.id)).toEqual([q5.conversationId, q6.conversationId]));
    await eventually(() => expect(eva.assigned.map((c) => c.id)).toEqual([first.conversationId, q2.conversationId, q3.conversationId, q4.conversationId]));
    for (const chatter of [first, ...waiting]) chatter.socket.close();
  });
});

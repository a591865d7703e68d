import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { sleep } from "../support/clients.js";
import { conversation, member, openChatsOf, startChat } from "./routing-support.js";

const server = useTestServer();

describe("an assignment made while another request's transaction is open", () => {
  it("survives that transaction being rolled back", async () => {
    const yara = await member(server, "Yara", 1, "away");
    const chat = await startChat(server, "during-rollback");
    const { db } = server.ctx;

    // Another request's transaction (say, a refused message) is open, then rolls back.
    const refused = db
      .$transaction(async (tx) => {
        await tx.visitor.updateMany({ where: { name: "nobody" }, data: { name: "still nobody" } });
        await sleep(150);
        throw new Error("refused");
      })
      .catch((err: Error) => err.message);
    await sleep(30);
    const claimed = await server.services.routing.claim(chat.conversationId, yara.id);
    expect(claimed.operatorId).toBe(yara.id);
    expect(await refused).toBe("refused");

    // The chat and the slot it took are still stored: the rollback undid only its own work.
    expect(await conversation(server, chat.conversationId)).toMatchObject({ status: "active", operator: { id: yara.id } });
    const stored = await db.user.findUniqueOrThrow({ where: { id: yara.id }, select: { openChats: true } });
    expect(stored.openChats).toBe(1);
    expect((await openChatsOf(server)).get(yara.id)).toEqual({ openChats: 1, maxChats: 1 });
    chat.socket.close();
  });
});

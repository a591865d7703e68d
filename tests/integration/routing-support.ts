// Helpers the routing tests share: a team of operators, visitors starting chats, recorded events.
import type { Conversation, Message, Settings } from "@live-chat/protocol";
import { expect } from "vitest";
import type { TestServer } from "../support/server.js";
import { api, connectOperator, connectVisitor, createOperator, emitAck, eventually, type OperatorSocket, type VisitorSocket } from "../support/clients.js";

export interface TeamMember {
  id: string;
  name: string;
  token: string;
  socket: OperatorSocket;
  /** Every `conversation:assigned` this operator received, in order. */
  assigned: Conversation[];
}

/** Creates an operator, connects their inbox and sets the presence (online unless told otherwise), never online in between. */
export async function member(server: Pick<TestServer, "url" | "adminToken">, name: string, maxChats: number, presence: "online" | "away" | "offline" = "online"): Promise<TeamMember> {
  const op = await createOperator(server.url, server.adminToken, { name, maxChats });
  const socket = await connectOperator(server.url, op.token);
  const assigned: Conversation[] = [];
  socket.on("conversation:assigned", (c) => assigned.push(c));
  expect((await emitAck(socket, "presence:set", { status: presence })).ok).toBe(true);
  return { id: op.id, name, token: op.token, socket, assigned };
}

export interface Chatter {
  socket: VisitorSocket;
  conversationId: string;
  messages: Message[];
  queue: Array<{ conversationId: string; position: number; estimatedWaitSeconds: number }>;
}

/** A visitor who opens the widget and starts a chat with a first message. */
export async function startChat(server: TestServer, name: string): Promise<Chatter> {
  const { socket } = await connectVisitor(server.url, { name, locale: "en" });
  const messages: Message[] = [];
  const queue: Chatter["queue"] = [];
  socket.on("message", (m) => messages.push(m));
  socket.on("queue", (q) => queue.push(q));
  const ack = await emitAck(socket, "conversation:start", { body: `Hello, this is ${name}`, clientId: `${name}-1` });
  expect(ack.ok).toBe(true);
  return { socket, conversationId: ack.conversation.id as string, messages, queue };
}

export async function conversations(server: TestServer, status?: string): Promise<Conversation[]> {
  const query = new URLSearchParams({ limit: "500", ...(status ? { status } : {}) });
  const res = await api<Conversation[]>(server.url, `/api/conversations?${query}`, { token: server.adminToken });
  expect(res.status).toBe(200);
  return res.body;
}

export async function conversation(server: TestServer, id: string): Promise<Conversation> {
  const found = (await conversations(server)).find((c) => c.id === id);
  if (!found) throw new Error(`conversation ${id} not listed`);
  return found;
}

/** Waits until the conversation is assigned to that operator (or queued, with `null`). */
export async function assignedTo(server: TestServer, conversationId: string, operatorId: string | null): Promise<Conversation> {
  return eventually(async () => {
    const c = await conversation(server, conversationId);
    if (operatorId === null) expect(c.status).toBe("queued");
    else expect(c.operator?.id).toBe(operatorId);
    return c;
  });
}

/** The visitor ends the chat and the operator closes it: the operator's slot is free again. */
export async function endChat(chatter: Chatter, operator: TeamMember): Promise<void> {
  expect((await emitAck(chatter.socket, "conversation:leave", { conversationId: chatter.conversationId })).ok).toBe(true);
  const closed = await emitAck(operator.socket, "conversation:close", { conversationId: chatter.conversationId });
  expect(closed).toMatchObject({ ok: true });
}

export async function patchSettings(server: TestServer, patch: Partial<Settings>): Promise<Settings> {
  const res = await api<Settings>(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: patch });
  expect(res.status).toBe(200);
  return res.body;
}

/** The seats an operator's chats take, as the team list shows them to a colleague. */
export async function seatsTakenBy(socket: OperatorSocket, operatorId: string): Promise<number | undefined> {
  const listed = await emitAck(socket, "operators:list", {});
  return listed.operators.find((u: { id: string; openChats: number }) => u.id === operatorId)?.openChats;
}

export async function openChatsOf(server: TestServer): Promise<Map<string, { openChats: number; maxChats: number }>> {
  const res = await api<Array<{ id: string; maxChats: number }>>(server.url, "/api/users", { token: server.adminToken });
  const open = await conversations(server);
  const counts = new Map<string, { openChats: number; maxChats: number }>();
  for (const user of res.body) {
    const mine = open.filter((c) => c.operator?.id === user.id && (c.status === "active" || c.status === "wrapping_up")).length;
    counts.set(user.id, { openChats: mine, maxChats: user.maxChats });
  }
  return counts;
}

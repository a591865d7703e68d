// The baseline: a bare Socket.IO relay speaking the product's event names, with no validation and
// no storage. Each visitor's conversation goes to one operator (round robin); each message is
// forwarded to that operator and acknowledged. Runs as its own process, like the product.
// With RELAY_STORE (file:… or postgresql://…) it is the durable-insert floor: each message is
// INSERTed and committed before it is forwarded and acknowledged.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Server, type Namespace, type Socket } from "socket.io";
import { openFloorStore } from "./floor-store.js";
import type {
  Conversation,
  Message,
  OperatorClientToServerEvents,
  OperatorServerToClientEvents,
  VisitorClientToServerEvents,
  VisitorServerToClientEvents,
} from "@live-chat/protocol";

type OperatorSocket = Socket<OperatorClientToServerEvents, OperatorServerToClientEvents>;

const store = process.env.RELAY_STORE ? await openFloorStore(process.env.RELAY_STORE) : null;
const httpServer = createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 1e6, pingInterval: 10_000, pingTimeout: 10_000 });
const operators = io.of("/operator") as Namespace<OperatorClientToServerEvents, OperatorServerToClientEvents>;
const visitors = io.of("/visitor") as Namespace<VisitorClientToServerEvents, VisitorServerToClientEvents>;

const online: OperatorSocket[] = [];
const routes = new Map<string, { operator: OperatorSocket; lastSeq: number }>();
let nextOperator = 0;

operators.on("connection", (socket) => {
  socket.on("presence:set", ({ status }, ack) => {
    const at = online.indexOf(socket);
    if (status === "online" && at < 0) online.push(socket);
    if (status !== "online" && at >= 0) online.splice(at, 1);
    ack({ ok: true });
  });
  socket.on("disconnect", () => {
    const at = online.indexOf(socket);
    if (at >= 0) online.splice(at, 1);
  });
});

visitors.on("connection", (socket) => {
  const visitorId = randomUUID();
  socket.emit("session", { visitorId, visitorToken: randomUUID(), conversation: null, availability: { operatorsOnline: online.length > 0, open: true } });

  socket.on("conversation:start", (_payload, ack) => {
    const operator = online[nextOperator++ % online.length];
    if (!operator) return ack({ ok: false, error: { code: "OPERATOR_UNAVAILABLE", message: "No operator is online." } });
    const now = new Date().toISOString();
    const conversation: Conversation = {
      id: randomUUID(),
      status: "active",
      phase: "opening",
      visitor: { id: visitorId },
      operator: { id: operator.id ?? "", name: "Relay" },
      checklist: { asked_resolved: false, asked_more_questions: false, said_goodbye: false, visitor_left: false },
      visitorConnected: true,
      createdAt: now,
      assignedAt: now,
    };
    routes.set(conversation.id, { operator, lastSeq: 0 });
    operator.emit("conversation:assigned", conversation);
    ack({ ok: true, conversation });
  });

  socket.on("message:send", async ({ conversationId, clientId, body }, ack) => {
    const route = routes.get(conversationId);
    if (!route) return ack({ ok: false, error: { code: "NOT_FOUND", message: "No such conversation." } });
    const message: Message = {
      id: randomUUID(),
      conversationId,
      seq: ++route.lastSeq,
      clientId,
      kind: "text",
      author: { type: "visitor", id: visitorId },
      body,
      createdAt: new Date().toISOString(),
    };
    if (store) {
      try {
        await store.insert({ id: message.id, conversationId, seq: message.seq, clientId: clientId ?? message.id, body, createdAt: new Date(message.createdAt) });
      } catch (err) {
        return ack({ ok: false, error: { code: "INTERNAL", message: String(err) } });
      }
    }
    route.operator.emit("message", message);
    ack({ ok: true, message });
  });
});

httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  if (address === null || typeof address === "string") throw new Error("relay did not get a TCP port");
  console.log(JSON.stringify({ msg: "listening", url: `http://127.0.0.1:${address.port}` }));
});

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void io.close(() => void (store?.close() ?? Promise.resolve()).finally(() => process.exit(0))));

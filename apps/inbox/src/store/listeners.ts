// What the server pushes on the /operator socket, each event handed to the domain it belongs to;
// a (re)connect has every domain pick up what it missed.
import type { OperatorSocket } from "./connection.js";
import type { InboxStore } from "./index.js";

export function listen(socket: OperatorSocket, store: InboxStore): void {
  const { connection, conversations, transcripts, workLists, outbox } = store;
  socket.on("connect", () => {
    const reconnected = connection.lost;
    connection.up();
    if (reconnected) connection.reassertPresence();
    void conversations.refreshList();
    workLists.reload();
    transcripts.catchUpAll();
    outbox.resendAfterReconnect();
    void store.liveVisitors.load();
  });
  socket.on("disconnect", () => connection.down());
  socket.on("connect_error", (err) => {
    if (err.message === "PROTOCOL_VERSION") return connection.refusedAsOutdated();
    connection.down();
    // A refusal by the server's auth check stops socket.io from retrying: the session is over.
    if (!socket.active) store.dispatchEvent(new CustomEvent("session-ended"));
  });
  socket.on("session:ended", () => store.dispatchEvent(new CustomEvent("session-ended")));
  socket.on("presence:updated", (p) => {
    connection.presence = p.status;
    store.changed();
  });
  socket.on("conversation:assigned", (c) => conversations.assigned(c));
  socket.on("conversation:updated", (c) => {
    conversations.upsert(c);
    store.liveVisitors.conversationUpdated(c);
  });
  socket.on("queue:updated", (q) => conversations.queueUpdated(q));
  socket.on("message", (m) => store.receive(m));
  socket.on("typing", (t) => transcripts.visitorTyped(t.conversationId, t.typing));
  socket.on("offline:new", (m) => workLists.offline.put(m));
  // Handled (or reopened) by anyone: every inbox shows it at once.
  socket.on("offline:updated", (m) => workLists.offline.put(m));
  socket.on("followup:updated", (f) => workLists.putFollowUp(f));
  socket.on("visitors:updated", (d) => store.liveVisitors.updated(d));
  socket.on("cannedReplies:changed", () => {
    store.cannedRepliesVersion++;
    store.changed();
  });
}

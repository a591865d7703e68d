// The launcher's connection before the chat is opened: reports the page the visitor is on and
// receives invitations. Loaded lazily beside the launcher (it shares the socket client chunk with
// the chat panel); it uses the visitor's existing token and stores nothing but that token.
import type { InvitationPayload } from "@live-chat/protocol";
import { openVisitorSocket, type VisitorIdentity } from "./panel/visitor-socket.js";
import { readStored, writeStored } from "./storage.js";
import type { PageSeen } from "./page-watch.js";

export interface Presence {
  page(page: PageSeen): void;
  dismissInvitation(): void;
  close(): void;
}

export function startPresence(identity: VisitorIdentity, onInvitation: (invitation: InvitationPayload) => void): Presence {
  const socket = openVisitorSocket(identity);
  let current: PageSeen | undefined;
  socket.on("session", (session) => {
    // A first-time visitor gets their token here; the chat panel then resumes the same visitor.
    if (!readStored<string>(identity.server, "token")) writeStored(identity.server, "token", session.visitorToken);
    // Every (re)connect may land on another node of the cluster: tell it where we are.
    if (current) socket.emit("page", current);
  });
  socket.on("invitation", onInvitation);
  return {
    page(page) {
      current = page;
      if (socket.connected) socket.emit("page", page);
    },
    dismissInvitation() {
      socket.emit("invitation:dismiss", {});
    },
    close() {
      socket.close();
    },
  };
}

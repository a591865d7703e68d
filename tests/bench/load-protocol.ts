// What the bench's coordinator and its load-generator processes say to each other over IPC.

/** One visitor message as the sending process saw it; times are epoch ms with microseconds. */
export interface SentRecord {
  visitor: number;
  n: number;
  clientId: string;
  conversationId: string;
  scheduledAt: number;
  sentAt: number;
  /** Sent after the warm-up: counts towards the latency figures. */
  measured: boolean;
  ackAt?: number;
  ackError?: string;
  seq?: number;
}

export type WorkerCommand =
  | { type: "operators"; operators: Array<{ index: number; url: string; token: string }> }
  | { type: "presence"; online: number[]; away: number[] }
  | { type: "visitors"; visitors: Array<{ index: number; url: string }>; start: boolean }
  | { type: "assigned" }
  | { type: "send"; step: number; startAt: number; measureFrom: number; interval: number; count: number; totalVisitors: number }
  | { type: "deliveries" }
  | { type: "reset" }
  | { type: "close" };

export type WorkerReply =
  | { type: "ready" }
  | { type: "done" }
  | { type: "error"; message: string }
  | { type: "started"; conversations: Array<[number, string]> }
  | { type: "assigned"; conversations: Array<[string, number]> }
  | { type: "sent"; messages: SentRecord[]; disconnects: string[] }
  | { type: "deliveries"; deliveries: Array<[string, number, number, number | null]>; disconnects: string[] };

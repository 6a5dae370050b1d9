// A chat client as a real one behaves: it retries every unacked send with the same
// clientId until the server acks it, reconnects (to another node if its own is gone), and
// after every reconnect fetches "everything after the last seq I hold" per conversation.
import { io, type Socket } from "socket.io-client";
import { Api } from "./api";

export interface HeldMessage {
  id: string;
  seq: number;
  clientId: string;
  senderId: string;
  conversationId: string;
  text?: string;
}

export class ResilientClient {
  readonly held = new Map<string, Map<number, HeldMessage>>(); // conversationId → seq → message
  readonly acked = new Map<string, HeldMessage>(); // clientId → the acked message
  private socket: Socket | null = null;
  private urlIndex = 0;
  private closed = false;
  /** Sends waiting for the next connection. */
  private waitingForSocket: (() => void)[] = [];

  constructor(
    readonly userId: string,
    readonly token: string,
    readonly urls: string[],
    readonly conversationIds: string[],
  ) {}

  async connect(): Promise<void> {
    while (!this.closed) {
      const url = this.urls[this.urlIndex % this.urls.length];
      const socket = io(url, { transports: ["websocket"], auth: { token: this.token }, reconnection: false, forceNew: true, timeout: 2000 });
      const ok = await new Promise<boolean>((resolve) => {
        socket.once("connect", () => resolve(true));
        socket.once("connect_error", () => resolve(false));
      });
      if (!ok) {
        socket.close();
        this.urlIndex++;
        await new Promise((r) => setTimeout(r, 200)); // a client's back-off before the next node (both may be down)
        continue;
      }
      socket.on("message:new", ({ message }: { message: HeldMessage }) => this.hold(message));
      socket.once("disconnect", () => {
        if (this.socket === socket) this.socket = null;
        if (!this.closed) void this.reconnect();
      });
      this.socket = socket;
      for (const wake of this.waitingForSocket.splice(0)) wake();
      await this.catchUp(url);
      return;
    }
  }

  private async reconnect() {
    this.urlIndex++;
    await this.connect();
  }

  hold(message: HeldMessage) {
    let conversation = this.held.get(message.conversationId);
    if (!conversation) this.held.set(message.conversationId, (conversation = new Map()));
    conversation.set(message.seq, message);
  }

  /** The last seq up to which nothing is missing (a real client's catch-up point). */
  lastSeq(conversationId: string): number {
    const held = this.held.get(conversationId);
    let seq = 0;
    while (held?.has(seq + 1)) seq++;
    return seq;
  }

  /** Fills every gap from the database: "everything after seq N", N the last seq before a gap. */
  async catchUp(url = this.urls[this.urlIndex % this.urls.length]): Promise<void> {
    const api = new Api(url, this.token);
    for (const conversationId of this.conversationIds) {
      for (;;) {
        const res = await api.get(`/api/conversations/${conversationId}/messages?after=${this.lastSeq(conversationId)}&limit=100`).catch(() => null);
        if (res?.status !== 200) break;
        const messages: HeldMessage[] = res.body.messages;
        messages.forEach((m) => this.hold(m));
        if (messages.length < 100) break;
      }
    }
  }

  /** Sends until acked, retrying with the same clientId across disconnects and nodes. */
  async send(conversationId: string, clientId: string, text: string): Promise<HeldMessage> {
    for (;;) {
      const socket = this.socket;
      if (socket?.connected) {
        try {
          const ack = await socket.timeout(3000).emitWithAck("message:send", { conversationId, clientId, text });
          if (ack?.ok) {
            this.acked.set(clientId, ack.message);
            this.hold(ack.message);
            return ack.message;
          }
          if (ack?.error?.code !== "INTERNAL" && ack?.error?.code !== "RATE_LIMITED") throw new Error(`refused: ${JSON.stringify(ack?.error)}`);
        } catch (e) {
          if ((e as Error).message.startsWith("refused")) throw e;
        }
        // Refused for now (INTERNAL, RATE_LIMITED) or no ack: a client's back-off before the retry.
        if (this.socket?.connected) await new Promise((r) => setTimeout(r, 150));
      } else if (!this.closed) {
        await new Promise<void>((resolve) => this.waitingForSocket.push(resolve)); // until it has reconnected
      } else {
        throw new Error("client closed before the send was acked");
      }
    }
  }

  close() {
    this.closed = true;
    this.socket?.close();
    for (const wake of this.waitingForSocket.splice(0)) wake();
  }
}

/** Asserts-friendly summary: the seqs a client holds for a conversation, in order. */
export function heldInOrder(client: ResilientClient, conversationId: string): HeldMessage[] {
  return [...(client.held.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
}

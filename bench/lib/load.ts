// A fixed-rate message load: many sockets in many conversations, messages sent at a steady
// total rate for a fixed time; latency from send to ack, and from send to delivery at every
// other member's socket. The same driver runs against Murmur and against the bare relay.
import crypto from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { summarizeLatency } from "./stats";

export interface LoadClient {
  token?: string;
  userId: string;
  conversationIds: string[];
}

export interface LoadTarget {
  url: string;
  /** Event names and payloads of this server. */
  sendEvent: string;
  deliveryEvent: string;
  payload(conversationId: string, clientId: string): unknown;
  /** The clientId and sender of a delivered payload. */
  identify(delivered: any): { clientId: string; senderId: string } | null;
  /** After connecting, e.g. to join rooms on the bare relay. */
  prepare?(socket: Socket, client: LoadClient): Promise<void>;
  isOk(ack: any): boolean;
}

export interface LoadResult {
  rate: number;
  sent: number;
  acked: number;
  failed: number;
  expectedDeliveries: number;
  delivered: number;
  ackMs: ReturnType<typeof summarizeLatency>;
  deliveryMs: ReturnType<typeof summarizeLatency>;
  ackedPerSecond: number;
}

export async function connectAll(target: LoadTarget, clients: LoadClient[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < clients.length; i += 100) {
    const batch = clients.slice(i, i + 100).map(async (client) => {
      const socket = io(target.url, { transports: ["websocket"], auth: client.token ? { token: client.token } : {}, forceNew: true, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      await target.prepare?.(socket, client);
      return socket;
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

export async function runLoad(target: LoadTarget, clients: LoadClient[], sockets: Socket[], options: { rate: number; durationMs: number; membersPerConversation: number }): Promise<LoadResult> {
  const sentAt = new Map<string, number>();
  const ackLatencies: number[] = [];
  const deliveryLatencies: number[] = [];
  let acked = 0;
  let failed = 0;
  let delivered = 0;
  let sent = 0;
  const onDelivery = (recipientId: string) => (payload: any) => {
    const id = target.identify(payload);
    if (!id || id.senderId === recipientId) return;
    const t = sentAt.get(id.clientId);
    if (t === undefined) return;
    delivered++;
    deliveryLatencies.push(performance.now() - t);
  };
  const listeners = sockets.map((socket, i) => {
    const listener = onDelivery(clients[i].userId);
    socket.on(target.deliveryEvent, listener);
    return listener;
  });

  const started = performance.now();
  const tickMs = 5;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() - started >= options.durationMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Catch up with the schedule, whatever the timer's jitter.
      const due = Math.floor(((performance.now() - started) * options.rate) / 1000);
      while (sent < due) {
        const index = sent % sockets.length;
        const client = clients[index];
        const conversationId = client.conversationIds[sent % client.conversationIds.length];
        const clientId = crypto.randomUUID();
        sent++;
        const t = performance.now();
        sentAt.set(clientId, t);
        pending.push(
          sockets[index]
            .timeout(10_000)
            .emitWithAck(target.sendEvent, target.payload(conversationId, clientId))
            .then((ack) => {
              if (target.isOk(ack)) {
                acked++;
                ackLatencies.push(performance.now() - t);
              } else failed++;
            })
            .catch(() => {
              failed++;
            }),
        );
      }
    }, tickMs);
  });
  await Promise.all(pending);
  const elapsed = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500)); // the last deliveries
  sockets.forEach((socket, i) => socket.off(target.deliveryEvent, listeners[i]));
  return {
    rate: options.rate,
    sent,
    acked,
    failed,
    expectedDeliveries: acked * (options.membersPerConversation - 1),
    delivered,
    ackMs: summarizeLatency(ackLatencies),
    deliveryMs: summarizeLatency(deliveryLatencies),
    ackedPerSecond: Math.round((acked / elapsed) * 1000),
  };
}

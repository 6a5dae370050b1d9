// The domain announces what happened after it committed; the realtime layer
// (src/realtime) delivers it. No socket types here: just user ids and channels.
// Registered on globalThis because Next's bundles and src/server.ts load
// separate copies of this module.
import type { ServerEvents } from "@/shared/events";

/** How a push reaches its sockets. */
export interface PushOptions {
  /** The connection an action came through: its ack already carries the result, so the push skips it (one write less per message). */
  except?: string;
}

export interface EventSink {
  /** Every socket of these users. */
  toUsers<E extends keyof ServerEvents>(userIds: readonly string[], event: E, payload: ServerEvents[E], options?: PushOptions): void;
  /** Every socket subscribed to a channel, e.g. "room:<id>". */
  toChannel<E extends keyof ServerEvents>(channel: string, event: E, payload: ServerEvents[E], options?: PushOptions): void;
  /** Subscribes (or unsubscribes) every socket of a user to a channel, on every node. */
  join(userId: string, channel: string): void;
  leave(userId: string, channel: string): void;
  /** Disconnects every socket subscribed to a channel, on every node (a revoked session's). */
  disconnect(channel: string): void;
}

const registry = globalThis as unknown as { __murmurEvents?: EventSink };

const nowhere: EventSink = { toUsers() {}, toChannel() {}, join() {}, leave() {}, disconnect() {} };

export function registerEventSink(sink: EventSink | undefined): void {
  registry.__murmurEvents = sink;
}

export function events(): EventSink {
  return registry.__murmurEvents ?? nowhere;
}

export const userChannel = (userId: string) => `user:${userId}`;

// Messages on their way out. Every send gets a client id once; it is retried with that
// same id until the server acks (a repeated id returns the original message, never a
// second one). The queue is persisted so a reload does not lose what was typed offline.
import type { MessageView, OutboxItem, OutgoingBody } from "./types";

export interface OutboxStorage {
  load(): OutboxItem[];
  save(items: OutboxItem[]): void;
}

/** localStorage, per user (two accounts in one browser must not send each other's drafts). */
export function localOutboxStorage(userId: string): OutboxStorage {
  const key = `murmur.outbox.${userId}`;
  return {
    load() {
      try {
        const parsed = JSON.parse(localStorage.getItem(key) ?? "[]");
        return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try {
        if (items.length) localStorage.setItem(key, JSON.stringify(items));
        else localStorage.removeItem(key);
      } catch {
        /* private mode or full storage: the queue still lives in memory */
      }
    },
  };
}

export function memoryOutboxStorage(initial: OutboxItem[] = []): OutboxStorage & { items: OutboxItem[] } {
  const box = {
    items: initial,
    load: () => box.items,
    save: (items: OutboxItem[]) => void (box.items = items),
  };
  return box;
}

/** `room`: a room topic's message (conversationId is then the topic's conversation). */
export function enqueue(items: OutboxItem[], conversationId: string, body: OutgoingBody, clientId: string, now: Date, room?: OutboxItem["room"]): OutboxItem[] {
  return [...items, { clientId, conversationId, body, createdAt: now.toISOString(), status: "sending", ...(room ? { room } : {}) }];
}

/**
 * The next item to send: the oldest still sending, so each conversation's messages go out
 * in the order written. A conversation whose next message is held back (a rate limit, a
 * room's slow mode) waits behind it; the other conversations go on meanwhile.
 */
export function nextToSend(items: OutboxItem[], now: number = Date.now()): OutboxItem | undefined {
  const waiting = new Set<string>();
  for (const item of items) {
    if (item.status !== "sending" || item.processing || waiting.has(item.conversationId)) continue;
    if (item.waiting && Date.parse(item.waiting.until) > now) waiting.add(item.conversationId);
    else return item;
  }
  return undefined;
}

/** When the first held-back message may go (ms since epoch), if one is held. */
export function nextWake(items: OutboxItem[]): number | undefined {
  const times = items.filter((i) => i.status === "sending" && i.waiting).map((i) => Date.parse(i.waiting!.until));
  return times.length ? Math.min(...times) : undefined;
}

/** "Not yet" with a time to try again: the message waits (and says why) instead of failing. */
export const isWait = (code: string): boolean => code === "RATE_LIMITED" || code === "SLOW_MODE";

/** The server has the message: it leaves the outbox (matched by the sender's client id). */
export function settle(items: OutboxItem[], me: string, message: Pick<MessageView, "senderId" | "clientId">): OutboxItem[] {
  if (message.senderId !== me) return items;
  const rest = items.filter((i) => i.clientId !== message.clientId);
  return rest.length === items.length ? items : rest;
}

export function fail(items: OutboxItem[], clientId: string, error: { code: string; message: string }): OutboxItem[] {
  return items.map((i) => (i.clientId === clientId ? { ...i, status: "failed" as const, error, waiting: undefined, processing: undefined } : i));
}

/** The server said "not yet" (isWait, with retryAfter): the item says why and until when. */
export function hold(items: OutboxItem[], clientId: string, code: string, until: Date): OutboxItem[] {
  return items.map((i) => (i.clientId === clientId ? { ...i, waiting: { code, until: until.toISOString() } } : i));
}

/** The wait is over: the item is being sent again. */
export function release(items: OutboxItem[], clientId: string): OutboxItem[] {
  const item = items.find((i) => i.clientId === clientId);
  if (!item?.waiting) return items;
  return items.map((i) => (i === item ? { ...i, waiting: undefined } : i));
}

/** Retry keeps the client id (so it cannot double) and sends it after what is queued now. */
export function retry(items: OutboxItem[], clientId: string): OutboxItem[] {
  const item = items.find((i) => i.clientId === clientId);
  if (!item) return items;
  return [...items.filter((i) => i !== item), { ...item, status: "sending", error: undefined }];
}

export function discard(items: OutboxItem[], clientId: string): OutboxItem[] {
  return items.filter((i) => i.clientId !== clientId);
}

/**
 * Codes that mean "the server understood and said no": retrying the same request will not
 * help, so the message shows as failed. Anything else (network, timeouts, 5xx) is retried.
 */
export function isRefusal(code: string): boolean {
  return code !== "INTERNAL" && !isWait(code) && code !== "UNAUTHENTICATED" && code !== "NETWORK";
}

/** The server holds the message until its videos are ready: it stays "sending", is not sent again, and shows their progress. */
export function heldForVideos(items: OutboxItem[], clientId: string, mediaIds: string[]): OutboxItem[] {
  return items.map((i) => (i.clientId === clientId ? { ...i, waiting: undefined, processing: { mediaIds, progress: i.processing?.progress ?? {} } } : i));
}

/** A video's transcode moved on (media:progress): every held item with it shows it. */
export function videoProgress(items: OutboxItem[], mediaId: string, progress: number): OutboxItem[] {
  if (!items.some((i) => i.processing?.mediaIds.includes(mediaId))) return items;
  return items.map((i) => (i.processing?.mediaIds.includes(mediaId) ? { ...i, processing: { ...i.processing, progress: { ...i.processing.progress, [mediaId]: progress } } } : i));
}

/** The slowest video's progress of a held item, 0 to 1 (0 until one is heard of). */
export function processingProgress(item: OutboxItem): number {
  if (!item.processing) return 0;
  return Math.min(...item.processing.mediaIds.map((id) => item.processing!.progress[id] ?? 0));
}

/**
 * After a reconnect a held item is sent again (same client id): the server acks it held
 * again, or with the message sent meanwhile, or refuses it with the code of a failure the
 * tab missed while offline.
 */
export function resendHeld(items: OutboxItem[]): OutboxItem[] {
  if (!items.some((i) => i.processing)) return items;
  return items.map((i) => (i.processing ? { ...i, processing: undefined } : i));
}

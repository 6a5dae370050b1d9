import { io, type Socket } from "socket.io-client";

// Every event a test socket receives is buffered from the moment it is created,
// so a test never misses an event that arrived before it started waiting.
type Buffered = { event: string; payload: any };
const buffers = new WeakMap<Socket, { items: Buffered[]; waiters: Set<() => void> }>();

function track(socket: Socket) {
  const state = { items: [] as Buffered[], waiters: new Set<() => void>() };
  buffers.set(socket, state);
  socket.onAny((event: string, payload: unknown) => {
    state.items.push({ event, payload });
    for (const wake of [...state.waiters]) wake();
  });
  return socket;
}

export interface ConnectOptions {
  extraHeaders?: Record<string, string>;
  reconnection?: boolean;
}

/** A real Socket.IO client; resolves once connected, rejects with the server's refusal. */
export function connectSocket(baseUrl: string, token?: string, options: ConnectOptions = {}): Promise<Socket> {
  const socket = track(
    io(baseUrl, {
      transports: ["websocket"],
      auth: token ? { token } : {},
      reconnection: options.reconnection ?? false,
      forceNew: true,
      extraHeaders: options.extraHeaders,
    }),
  );
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      if (options.reconnection) return;
      socket.close();
      reject(err);
    });
  });
}

/** The next `event` (optionally matching a predicate) not yet consumed, buffered or still to come. */
export function nextEvent<T = any>(socket: Socket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  const state = buffers.get(socket);
  if (!state) throw new Error("nextEvent needs a socket made by connectSocket");
  return new Promise((resolve, reject) => {
    const check = () => {
      const index = state.items.findIndex((item) => item.event === event && predicate(item.payload));
      if (index < 0) return false;
      const [item] = state.items.splice(index, 1);
      clearTimeout(timer);
      state.waiters.delete(wake);
      resolve(item.payload);
      return true;
    };
    const wake = () => void check();
    const timer = setTimeout(() => {
      state.waiters.delete(wake);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    if (!check()) state.waiters.add(wake);
  });
}

/** Every buffered, unconsumed payload of `event` so far (consumes them). */
export function drainEvents<T = any>(socket: Socket, event: string): T[] {
  const state = buffers.get(socket);
  if (!state) return [];
  const taken = state.items.filter((i) => i.event === event).map((i) => i.payload as T);
  state.items = state.items.filter((i) => i.event !== event);
  return taken;
}

/** Emits with an ack and resolves with the ack's payload. */
export function emitWithAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/**
 * Resolves once everything the server pushed to these sockets of `user` before the call has
 * arrived, so that a test can then assert that something was *not* pushed without sleeping.
 * It saves none of the user's settings (PATCH /api/me/settings with nothing in it), which
 * pushes me:settings to every socket of the user, and waits for that push on each socket: a
 * socket's pushes arrive in the order the server sent them, so whatever it sent before (for a
 * request or an ack the test already had back) came first and sits in the buffer.
 */
export async function pushesArrived(user: { api: { patch(path: string, body?: unknown): Promise<{ status: number }> } }, ...sockets: Socket[]): Promise<void> {
  for (const socket of sockets) drainEvents(socket, "me:settings");
  const res = await user.api.patch("/api/me/settings", {});
  if (res.status !== 200) throw new Error(`PATCH /api/me/settings answered ${res.status}`);
  await Promise.all(sockets.map((socket) => nextEvent(socket, "me:settings")));
}

/** The reason of the socket's next disconnect; rejects if it is still connected after `timeoutMs`. */
export function nextDisconnect(socket: Socket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

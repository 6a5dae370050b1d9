import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { isAllowedSocketOrigin } from "@/auth/same-origin";
import { identifySession, parseCookies } from "@/auth/tokens";
import { sessionChannel } from "@/domain/accounts/sessions";
import { db } from "@/db/client";
import { type PushOptions, registerEventSink, userChannel } from "@/domain/events";
import { roomIdOfChannel } from "@/domain/rooms/view";
import { queueForRoom, queueForUsers } from "@/domain/webhooks/queue";
import { LOCALE_COOKIE, localeForAccount, resolveLocale } from "@/i18n/negotiate";
import type { ClientToServerEvents, ServerEventName, ServerEvents, ServerToClientEvents } from "@/shared/events";
import type { TokenScope } from "@/shared/limits";
import { SOCKET_CONNECT_SCOPE, scopeAllows } from "@/shared/scopes";
import { registerHandlers } from "./handlers";
import { enforceSocketCap } from "./socket-cap";

export interface SocketData {
  userId: string;
  /** The login this socket belongs to: revoking it disconnects the socket. */
  sessionId: string;
  locale: string;
  /** The browser's Accept-Language, kept for language changes (the handshake is dropped). */
  acceptLanguage?: string;
  /** When it connected (ms): past the per-user cap the oldest go first. */
  connectedAt?: number;
  /** A personal access token's scopes (each event checks them, src/shared/scopes.ts); null: every right. */
  scopes: TokenScope[] | null;
  /** When the personal access token stops working (ms): the socket is disconnected then. */
  expiresAt: number | null;
}
/** Between nodes (through the adapter): a user's language changed. */
export interface InterServerEvents {
  "me:locale": (userId: string, locale: string | null) => void;
}
export type MurmurServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type MurmurSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const registry = globalThis as unknown as { __murmurIo?: MurmurServer };

export function realtime(): MurmurServer | undefined {
  return registry.__murmurIo;
}

export function createRealtime(httpServer: HttpServer, options: { adapter?: ServerOptions["adapter"] } = {}): MurmurServer {
  const io: MurmurServer = new Server(httpServer, {
    serveClient: false,
    adapter: options.adapter,
    // Refuse cross-site WebSocket hijacking: the `cors` option does not stop WebSocket upgrades.
    allowRequest: (req: IncomingMessage, callback) =>
      callback(null, isAllowedSocketOrigin(req.headers.origin, { host: req.headers.host, "x-forwarded-proto": req.headers["x-forwarded-proto"] as string | undefined })),
    // No connection-state recovery: it keeps every push of the last two to three minutes in
    // memory (hundreds of MB under load, scanned on each resume) and gives a reconnecting
    // socket channels from before it dropped. A reconnect is a new connection: the checks
    // below and the joins in the handlers run again, and clients catch up by seq over HTTP.
  });

  io.use(async (socket, next) => {
    const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : null;
    const identity = await identifySession({
      authorization: token ? `Bearer ${token}` : null,
      cookie: socket.handshake.headers.cookie,
    });
    const user = identity ? await db().user.findUnique({ where: { id: identity.userId }, select: { id: true, locale: true } }) : null;
    if (!user) return next(Object.assign(new Error("UNAUTHENTICATED"), { data: { code: "UNAUTHENTICATED" } }));
    if (!scopeAllows(identity!.scopes, SOCKET_CONNECT_SCOPE)) return next(Object.assign(new Error("INSUFFICIENT_SCOPE"), { data: { code: "INSUFFICIENT_SCOPE" } }));
    socket.data.userId = user.id;
    socket.data.sessionId = identity!.sessionId;
    socket.data.scopes = identity!.scopes;
    socket.data.expiresAt = identity!.expiresAt;
    // The account's language, else the browser's (its cookie mirror or Accept-Language).
    const acceptLanguage = socket.handshake.headers["accept-language"];
    socket.data.locale = user.locale ? localeForAccount(user.locale, acceptLanguage) : resolveLocale(parseCookies(socket.handshake.headers.cookie)[LOCALE_COOKIE], acceptLanguage);
    next();
  });

  io.on("connection", (socket) => {
    // The handshake's HTTP request is only needed by the auth middleware above (it reads
    // the session cookie from it); dropping it once connected saves a few KB per idle
    // connection. Dropping it at the engine's "connection" is too early: the middleware
    // runs later and would find no cookie.
    (socket.conn as unknown as { request: unknown }).request = null;
    // Likewise the handshake's headers and token (about 1 KB): only the language is needed later.
    socket.data.acceptLanguage = socket.handshake.headers["accept-language"];
    socket.handshake.headers = {};
    socket.handshake.auth = {};
    socket.data.connectedAt = Date.now();
    void socket.join([userChannel(socket.data.userId), sessionChannel(socket.data.sessionId)]);
    registerHandlers(socket);
    disconnectAtExpiry(socket);
    socket.emit("hello", { userId: socket.data.userId });
    enforceSocketCap(io, socket.data.userId).catch((e) => console.error("socket cap check failed", e));
  });

  // A language change reaches the sockets' own state too, so acks switch language at once.
  // Each node updates its own sockets; with an adapter across nodes the others hear it too.
  const applyLocale = (userId: string, locale: string | null) => {
    const nsp = io.of("/");
    for (const socketId of nsp.adapter.rooms.get(userChannel(userId)) ?? []) {
      const socket = nsp.sockets.get(socketId);
      if (socket) socket.data.locale = localeForAccount(locale, socket.data.acceptLanguage);
    }
  };
  io.on("me:locale", (userId, locale) => applyLocale(userId, locale));

  registerEventSink({
    toUsers: (userIds, event, payload, push) => {
      if (!userIds.length) return;
      emitTo(skipping(io.to(userIds.map(userChannel)), push), event, payload);
      queueWebhooks(queueForUsers(db(), userIds, event, payload));
      if (event === "me:settings") {
        const { locale } = payload as { locale: string | null };
        for (const userId of userIds) applyLocale(userId, locale);
        if (options.adapter) io.serverSideEmit("me:locale", userIds[0], locale);
      }
    },
    toChannel: (channel, event, payload, push) => {
      emitTo(skipping(io.to(channel), push), event, payload);
      const roomId = roomIdOfChannel(channel);
      if (roomId) queueWebhooks(queueForRoom(db(), roomId, event, payload));
    },
    join: (userId, channel) => io.in(userChannel(userId)).socketsJoin(channel),
    leave: (userId, channel) => io.in(userChannel(userId)).socketsLeave(channel),
    disconnect: (channel) => io.in(channel).disconnectSockets(true),
  });
  registry.__murmurIo = io;
  return io;
}

/** Webhooks get the same events as the sockets; a failure to queue never fails the push. */
function queueWebhooks(queued: Promise<void>): void {
  queued.catch((e) => console.error("queueing webhooks failed", e));
}

/** setTimeout's longest delay (about 24.8 days): a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2_147_483_647;

/** A personal access token's socket is cut off when the token expires (revocation cuts it through its session channel). */
function disconnectAtExpiry(socket: MurmurSocket): void {
  const expiresAt = socket.data.expiresAt;
  if (expiresAt === null || expiresAt === undefined) return;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const wait = expiresAt - Date.now();
    if (wait <= 0) return void socket.disconnect(true);
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.once("disconnect", () => clearTimeout(timer));
}

/** One typed emit for any server event (Socket.IO's overloads cannot take a union of names). */
function emitTo<E extends ServerEventName>(target: { emit(event: E, payload: ServerEvents[E]): unknown }, event: E, payload: ServerEvents[E]): void {
  target.emit(event, payload);
}

/** A broadcast without the connection that hears the result in its ack (every socket sits in a room named by its id, on every node). */
function skipping<T extends { except(room: string): T }>(target: T, push?: PushOptions): T {
  return push?.except ? target.except(push.except) : target;
}

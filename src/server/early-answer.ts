// A handler may answer before it has read the whole request body: a refused upload (413,
// 404, 429...) does not wait for the other 150 MB. Left alone, Node either keeps reading
// the body for the next request on the connection, or destroys the socket with unread
// bytes in it, which resets the connection and loses the answer on the client's side.
// Here: such an answer says `Connection: close`; then the rest of the body is read and
// discarded (never stored) while the client takes the answer, the connection is
// half-closed after the answer, and dropped after a short grace period.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long a client that answered early still gets to read the answer before the connection goes. */
const GRACE_MS = 2000;

const pending = new WeakMap<Socket, IncomingMessage>();

/** Wraps one request: an answer that starts before the body has ended closes the connection. */
export function closeOnEarlyAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  pending.set(socket, req);
  res.once("finish", () => {
    if (pending.get(socket) === req && req.complete) pending.delete(socket);
  });
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!req.complete) this.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  watchSocket(socket);
}

const watched = new WeakSet<Socket>();

/** Node ends a `Connection: close` answer with socket.destroySoon(): for an unfinished body, linger instead. */
function watchSocket(socket: Socket): void {
  if (watched.has(socket)) return;
  watched.add(socket);
  const destroySoon = socket.destroySoon.bind(socket);
  socket.destroySoon = () => {
    const req = pending.get(socket);
    if (!req || req.complete) return destroySoon();
    pending.delete(socket);
    // Whoever was reading the body stopped: discard the rest, so no reset overtakes the answer.
    req.removeAllListeners("readable");
    req.removeAllListeners("data");
    req.on("data", () => undefined);
    req.on("error", () => undefined);
    req.resume();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), GRACE_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}

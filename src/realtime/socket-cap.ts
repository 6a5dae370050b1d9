// At most SOCKETS.perUser open sockets per user over all nodes (SOCKETS_PER_USER may change
// it): a new socket past the cap disconnects that user's oldest ones. fetchSockets goes
// through the adapter, so with Redis every node's sockets count. Every node sorts the
// same way (connection time, then id), so concurrent connections agree on who stays.
import type { Server } from "socket.io";
import { userChannel } from "@/domain/events";
import { SOCKETS } from "@/shared/limits";

export const socketsPerUser = () => {
  const configured = Number(process.env.SOCKETS_PER_USER);
  return Number.isInteger(configured) && configured > 0 ? configured : SOCKETS.perUser;
};

export async function enforceSocketCap(io: Server, userId: string): Promise<void> {
  const cap = socketsPerUser();
  const sockets = await io.in(userChannel(userId)).fetchSockets();
  if (sockets.length <= cap) return;
  const age = (s: (typeof sockets)[number]) => Number((s.data as { connectedAt?: number }).connectedAt ?? 0);
  const oldestFirst = [...sockets].sort((a, b) => age(a) - age(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const socket of oldestFirst.slice(0, sockets.length - cap)) socket.disconnect(true);
}

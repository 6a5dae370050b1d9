// The load's shape: N sockets (one user each) in conversations of equal size.
import type { LoadClient } from "./load";

export function conversationsOf(clientCount: number, conversationCount: number) {
  const size = Math.max(2, Math.floor(clientCount / conversationCount));
  const members: number[][] = Array.from({ length: conversationCount }, (_, c) => Array.from({ length: size }, (_, k) => c * size + k));
  return { size, members };
}

/** Clients for the bare relay: ids stand in for users. */
export function relayClients(clientCount: number, conversationCount: number): { clients: LoadClient[]; size: number } {
  const { size, members } = conversationsOf(clientCount, conversationCount);
  const clients: LoadClient[] = Array.from({ length: size * conversationCount }, (_, i) => ({ userId: `u${i}`, conversationIds: [] }));
  members.forEach((group, c) => group.forEach((i) => clients[i].conversationIds.push(`c${c}`)));
  return { clients, size };
}

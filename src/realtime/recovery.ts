// Connection-state recovery puts a reconnecting socket back into the channels it sat in
// when it dropped and replays what those channels were sent meanwhile. Membership may
// have ended in between (a ban, a leave, a creator's block, a lapsed fan club), so the
// saved channels are checked against the database before the adapter replays anything.
// If one is no longer the user's, the session is not restored at all: the socket
// connects afresh (socket.recovered is false, the client reloads) and joins only what
// the database says. Works for any adapter (in-memory on one node, Redis Streams across
// nodes): both read the saved rooms in restoreSession, which is wrapped here.
import type { Server } from "socket.io";
import { activeSessionUser, sessionChannel } from "@/domain/accounts/sessions";
import { userChannel } from "@/domain/events";
import { stillInRoom } from "@/domain/rooms/access";
import { roomIdOfChannel } from "@/domain/rooms/view";
import { db } from "@/db/client";

interface SavedSession {
  sid: string;
  pid: string;
  rooms: string[];
  data: { userId?: string; sessionId?: string };
}

type AdapterWithSessions = { restoreSession(pid: string, offset: string): Promise<unknown> | unknown };

/** Whether every channel saved in the session is still the user's. Unknown channels are not. */
export async function sessionStillValid(session: SavedSession): Promise<boolean> {
  const userId = session.data?.userId;
  if (!userId) return false;
  for (const channel of session.rooms) {
    if (channel === session.sid || channel === userChannel(userId)) continue;
    // The login's own channel: only while that login is live (a revoked one is not restored).
    const sessionId = session.data.sessionId;
    if (sessionId && channel === sessionChannel(sessionId)) {
      if (await activeSessionUser(db(), sessionId, userId)) continue;
      return false;
    }
    const roomId = roomIdOfChannel(channel);
    if (!roomId || !(await stillInRoom(db(), roomId, userId))) return false;
  }
  return true;
}

/**
 * Peeking at the saved session before the adapter builds its replay is not possible
 * through the public API (the Redis adapter deletes it as it reads), so the check runs on
 * the restored session, before socket.io sees it: a refused session yields nothing, and
 * its missed packets are dropped unread.
 */
export function recheckRestoredSessions(io: Server): void {
  const adapter = io.of("/").adapter as unknown as AdapterWithSessions;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid: string, offset: string) => {
    const session = (await restore(pid, offset)) as SavedSession | null | undefined;
    if (!session) return session;
    return (await sessionStillValid(session)) ? session : null;
  };
}

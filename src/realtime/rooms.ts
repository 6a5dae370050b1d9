// Rooms over the socket: a member's sockets sit in each room's channel ("room:<id>"),
// joined on connect for existing memberships (and by the domain on join), and they
// send topic messages with an ack, the same operation as the HTTP POST.
import { db } from "@/db/client";
import { stillInRoom } from "@/domain/rooms/access";
import { notifyStartedAnnouncements } from "@/domain/rooms/announcements";
import { sweepLapsedFans } from "@/domain/rooms/eviction";
import { postRoomMessage } from "@/domain/rooms/messages";
import { roomChannel } from "@/domain/rooms/view";
import { ROOMS } from "@/shared/limits";
import { onEvent } from "./respond";
import type { MurmurSocket } from "./server";

export function registerRoomHandlers(socket: MurmurSocket): void {
  void joinMyRooms(socket);

  onEvent(socket, "room:message:send", async (input, { userId }) => {
    const { roomId, topicId, ...body } = input;
    const { message } = await postRoomMessage(db(), { roomId, topicId, userId, body, origin: socket.id });
    return { message };
  });
}

async function joinMyRooms(socket: MurmurSocket) {
  const { userId } = socket.data;
  try {
    const memberships = await db().roomMember.findMany({ where: { userId }, select: { roomId: true } });
    // Each membership is checked again (a creator's block, a lapsed audience): only those still valid join.
    const valid: string[] = [];
    for (const m of memberships) if (await stillInRoom(db(), m.roomId, userId)) valid.push(m.roomId);
    if (!socket.connected) return;
    if (!valid.length) {
      socket.emit("rooms:ready", { roomIds: [] });
      return;
    }
    await socket.join(valid.map(roomChannel));
    // A ban, leave or removal committed while this ran found no socket to take out: look once more.
    const still = new Set((await db().roomMember.findMany({ where: { userId, roomId: { in: valid } }, select: { roomId: true } })).map((m) => m.roomId));
    for (const roomId of valid) if (!still.has(roomId)) void socket.leave(roomChannel(roomId));
    // From here on every event of these rooms reaches the socket: what came before, the view fetches.
    socket.emit("rooms:ready", { roomIds: valid.filter((roomId) => still.has(roomId)) });
  } catch (e) {
    console.error("joining room channels failed", e);
  }
}

/** Runs `sweep` every `intervalMs`, never two at once; errors are logged, the next run tries again. */
function startSweep(name: string, intervalMs: number, sweep: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweep();
    } catch (e) {
      console.error(`${name} sweep failed`, e);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Announces started promotions: a sweep over the database (not in-memory timers), so
 * nothing is lost across restarts and several nodes announce each one once.
 */
export function startAnnouncementSweep(intervalMs = Number(process.env.MURMUR_ANNOUNCEMENT_SWEEP_MS ?? ROOMS.announcementSweepMs)): () => void {
  return startSweep("announcement", intervalMs, () => notifyStartedAnnouncements(db()));
}

/**
 * Takes lapsed fan-club members out of the rooms that needed their membership: a sweep
 * over the database, restart-safe and harmless when several nodes run it (access
 * checks refuse a lapsed member even before the sweep gets to them).
 */
export function startMembershipSweep(intervalMs = Number(process.env.MURMUR_MEMBERSHIP_SWEEP_MS ?? ROOMS.membershipSweepMs)): () => void {
  return startSweep("membership", intervalMs, () => sweepLapsedFans(db()));
}

// Rooms over the socket: a member's sockets sit in each room's channel ("room:<id>"),
// joined on connect for existing memberships (and by the domain on join), and they
// send topic messages with an ack, the same operation as the HTTP POST.
import { db } from "@/db/client";
import { notifyStartedAnnouncements } from "@/domain/rooms/announcements";
import { postRoomMessage } from "@/domain/rooms/messages";
import { roomChannel } from "@/domain/rooms/view";
import { ROOMS } from "@/shared/limits";
import { ZRoomMessageSend } from "@/shared/schemas/rooms";
import { onEvent } from "./respond";
import type { MurmurSocket } from "./server";

export function registerRoomHandlers(socket: MurmurSocket): void {
  void joinMyRooms(socket);

  onEvent(socket, "room:message:send", ZRoomMessageSend, async (input, { userId }) => {
    const { roomId, topicId, ...body } = input;
    const { message } = await postRoomMessage(db(), { roomId, topicId, userId, body });
    return { message };
  });
}

async function joinMyRooms(socket: MurmurSocket) {
  try {
    const memberships = await db().roomMember.findMany({ where: { userId: socket.data.userId }, select: { roomId: true } });
    if (memberships.length && socket.connected) await socket.join(memberships.map((m) => roomChannel(m.roomId)));
  } catch (e) {
    console.error("joining room channels failed", e);
  }
}

/**
 * Announces started promotions: a sweep over the database (not in-memory timers), so
 * nothing is lost across restarts and several nodes announce each one once.
 */
export function startAnnouncementSweep(intervalMs = Number(process.env.MURMUR_ANNOUNCEMENT_SWEEP_MS ?? ROOMS.announcementSweepMs)): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await notifyStartedAnnouncements(db());
    } catch (e) {
      console.error("announcement sweep failed", e);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

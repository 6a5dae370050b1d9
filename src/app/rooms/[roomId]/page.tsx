import { notFound } from "next/navigation";
import { AppShell } from "@/components/shell/AppShell";
import { JoinRoomCard } from "@/components/rooms/JoinRoomCard";
import { RoomSidebar } from "@/components/rooms/RoomSidebar";
import { RoomView } from "@/components/rooms/RoomView";
import { db } from "@/db/client";
import { isDomainError } from "@/domain/errors";
import { listAnnouncements } from "@/domain/rooms/announcements";
import { isInAudience } from "@/domain/rooms/admission";
import { listMembers } from "@/domain/rooms/membership";
import { getRoom, isBannedFrom, toRoomView } from "@/domain/rooms/rooms";
import { listTopics } from "@/domain/rooms/topics";
import { personSelect } from "@/domain/rooms/view";
import { requireDmViewer } from "../../_lib/viewer";

export default async function RoomPage({ params, searchParams }: { params: Promise<{ roomId: string }>; searchParams: Promise<{ topic?: string }> }) {
  const viewer = await requireDmViewer();
  const { roomId } = await params;
  const { topic: topicParam } = await searchParams;
  const room = await getRoom(db(), roomId, viewer.id).catch((e) => (isDomainError(e) ? null : Promise.reject(e)));
  if (!room) {
    // Not a member: fans in the audience may join from here; to anyone else it does not exist.
    const row = await db().creatorRoom.findUnique({ where: { id: roomId }, include: { creator: { select: personSelect }, _count: { select: { members: true } } } });
    if (!row) notFound();
    // Banned: told so (they were in it), whether or not they are still in the audience.
    const banned = await isBannedFrom(db(), row.id, viewer.id);
    if (!banned && !(await isInAudience(db(), row, viewer.id))) notFound();
    return (
      <AppShell viewer={viewer}>
        <JoinRoomCard room={{ ...toRoomView(row), ...(banned ? { viewerBanned: true } : {}) }} />
      </AppShell>
    );
  }
  const [topics, members, announcements] = await Promise.all([
    listTopics(db(), roomId, viewer.id),
    listMembers(db(), roomId, viewer.id),
    listAnnouncements(db(), roomId, viewer.id),
  ]);
  const topic = topics.find((t) => t.id === topicParam) ?? topics[0];
  return (
    <AppShell viewer={viewer} focus="detail" sidebar={<RoomSidebar room={room} topics={topics} currentTopicId={topic.id} />}>
      <RoomView viewerId={viewer.id} room={room} topics={topics} topic={topic} members={members} announcements={announcements} />
    </AppShell>
  );
}

import { notFound } from "next/navigation";
import { AppShell } from "@/components/shell/AppShell";
import { JoinRoomCard } from "@/components/rooms/JoinRoomCard";
import { RoomSidebar } from "@/components/rooms/RoomSidebar";
import { RoomView } from "@/components/rooms/RoomView";
import { db } from "@/db/client";
import { isDomainError } from "@/domain/errors";
import { listAnnouncements } from "@/domain/rooms/announcements";
import { listMembers } from "@/domain/rooms/membership";
import { getRoom, roomFromOutside } from "@/domain/rooms/rooms";
import { listTopics } from "@/domain/rooms/topics";
import { requireDmViewer } from "../../_lib/viewer";

export default async function RoomPage({ params, searchParams }: { params: Promise<{ roomId: string }>; searchParams: Promise<{ topic?: string }> }) {
  const viewer = await requireDmViewer();
  const { roomId } = await params;
  const { topic: topicParam } = await searchParams;
  const room = await getRoom(db(), roomId, viewer.id).catch((e) => (isDomainError(e) ? null : Promise.reject(e)));
  if (!room) {
    // Not a member: fans in the audience may join from here; to anyone else it does not exist.
    const outside = await roomFromOutside(db(), roomId, viewer.id);
    if (!outside) notFound();
    return (
      <AppShell viewer={viewer}>
        <JoinRoomCard room={outside} />
      </AppShell>
    );
  }
  const [topics, members, announcements] = await Promise.all([listTopics(db(), roomId, viewer.id), listMembers(db(), roomId, viewer.id), listAnnouncements(db(), roomId, viewer.id)]);
  const topic = topics.find((t) => t.id === topicParam) ?? topics[0];
  return (
    <AppShell viewer={viewer} focus="detail" sidebar={<RoomSidebar room={room} topics={topics} currentTopicId={topic.id} />}>
      <RoomView viewerId={viewer.id} room={room} topics={topics} topic={topic} members={members} announcements={announcements} />
    </AppShell>
  );
}

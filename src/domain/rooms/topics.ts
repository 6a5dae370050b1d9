// Topic chats inside a room: the creator and moderators open them; every room has a general one.
import type { Db } from "@/db/client";
import { events } from "@/domain/events";
import { requireRoomMember, requireStaff } from "./access";
import { roomChannel, toTopicView, type TopicView } from "./view";

export async function listTopics(db: Db, roomId: string, userId: string): Promise<TopicView[]> {
  await requireRoomMember(db, roomId, userId);
  const topics = await db.topic.findMany({ where: { roomId }, orderBy: [{ isGeneral: "desc" }, { createdAt: "asc" }] });
  return topics.map(toTopicView);
}

export async function createTopic(db: Db, roomId: string, userId: string, title: string): Promise<TopicView> {
  await requireStaff(db, roomId, userId);
  const conversation = await db.conversation.create({
    data: { kind: "topic", title, createdById: userId, topic: { create: { roomId, title, createdById: userId } } },
    include: { topic: true },
  });
  const topic = toTopicView(conversation.topic!);
  events().toChannel(roomChannel(roomId), "room:topic:new", { roomId, topic });
  return topic;
}

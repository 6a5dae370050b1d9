// Building the wire shapes of rooms (src/shared/room-views.ts) from rows, and room channels.
import type { AnnouncementView, MembershipView, TopicView } from "@/shared/room-views";
import type { AnnouncementKind, RoomRole } from "@/shared/schemas/rooms";

export type { AnnouncementView, MemberView, MembershipView, ModerationLogView, PersonView, RoomView, TopicView } from "@/shared/room-views";

export const roomChannel = (roomId: string) => `room:${roomId}`;
/** The room id behind a room channel's name, or null for any other channel. */
export const roomIdOfChannel = (channel: string) => (channel.startsWith("room:") && channel.length > 5 ? channel.slice(5) : null);

export const personSelect = { id: true, username: true, displayName: true, avatarUrl: true, isBot: true } as const;

export function toTopicView(t: { id: string; roomId: string; title: string; isGeneral: boolean; createdAt: Date; conversationId: string }): TopicView {
  return { id: t.id, roomId: t.roomId, title: t.title, isGeneral: t.isGeneral, createdAt: t.createdAt.toISOString(), conversationId: t.conversationId };
}

export function toAnnouncementView(
  a: { id: string; roomId: string; kind: string; title: string; startsAt: Date; url: string | null; post?: { id: string; title: string; thumbnailUrl: string } | null },
  now = new Date(),
): AnnouncementView {
  return {
    id: a.id,
    roomId: a.roomId,
    kind: a.kind as AnnouncementKind,
    title: a.title,
    startsAt: a.startsAt.toISOString(),
    post: a.post ? { id: a.post.id, title: a.post.title, thumbnailUrl: a.post.thumbnailUrl } : null,
    url: a.url,
    started: a.startsAt.getTime() <= now.getTime(),
  };
}

export function toMembershipView(m: { roomId: string; userId: string; role: string; joinedAt: Date }): MembershipView {
  return { roomId: m.roomId, userId: m.userId, role: m.role as RoomRole, joinedAt: m.joinedAt.toISOString() };
}

// The wire shapes of rooms and everything in them, the same over HTTP and socket events.
import type { AnnouncementKind, ModerationAction, RoomAudience, RoomRole } from "@/shared/schemas/rooms";

export const roomChannel = (roomId: string) => `room:${roomId}`;
/** The room id behind a room channel's name, or null for any other channel. */
export const roomIdOfChannel = (channel: string) => (channel.startsWith("room:") && channel.length > 5 ? channel.slice(5) : null);

export interface PersonView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface RoomView {
  id: string;
  name: string;
  description: string;
  pictureUrl: string | null;
  audience: RoomAudience;
  slowModeSeconds: number;
  creator: PersonView;
  memberCount: number;
  createdAt: string;
  /** Only for the creator and moderators: the link fans join with. */
  inviteCode?: string;
  /** The caller's place in the room, when they are in it. */
  myRole?: RoomRole;
  /** When the caller is timed out: until when. */
  timedOutUntil?: string;
  /** Seen from outside: the caller is banned from the room (joining is refused with BANNED). */
  viewerBanned?: boolean;
}

export interface MembershipView {
  roomId: string;
  userId: string;
  role: RoomRole;
  joinedAt: string;
}

export interface MemberView extends PersonView {
  role: RoomRole;
  joinedAt: string;
  timedOutUntil?: string;
}

export interface TopicView {
  id: string;
  roomId: string;
  title: string;
  isGeneral: boolean;
  createdAt: string;
  /** The topic's conversation: what uploads (POST /api/media) name. */
  conversationId: string;
}

export interface AnnouncementView {
  id: string;
  roomId: string;
  kind: AnnouncementKind;
  title: string;
  startsAt: string;
  post: { id: string; title: string; thumbnailUrl: string } | null;
  url: string | null;
  started: boolean;
}

export interface ModerationLogView {
  id: string;
  roomId: string;
  action: ModerationAction;
  actor: PersonView | null;
  target: PersonView | null;
  targetMessageId: string | null;
  reason: string | null;
  details: unknown;
  createdAt: string;
}

export const personSelect = { id: true, username: true, displayName: true, avatarUrl: true } as const;

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

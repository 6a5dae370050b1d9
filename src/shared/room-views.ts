// The wire shapes of rooms and everything in them, the same over HTTP and socket events;
// imported by the browser and the server alike.
import type { AnnouncementKind, ModerationAction, RoomAudience, RoomRole } from "./schemas/rooms";

export interface PersonView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** A bot account: shown with a "Bot" badge. */
  isBot: boolean;
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

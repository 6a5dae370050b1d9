// A profile page's data: the account, its counters, its posts, what it offers as a
// creator, and how the viewer stands with it.
import type { Db } from "@/db/client";
import { notFound } from "@/domain/errors";
import { messagingPermission } from "@/domain/conversations/permissions";
import { personSelect, type PersonView } from "./people";
import { isPrivateAccount } from "./privacy";
import { postsBy, type PostView } from "./posts";

// The same key the messaging use cases give a 1:1: the two ids sorted, joined by ":".
const directKeyOf = (a: string, b: string) => [a, b].sort().join(":");

export interface Profile {
  /** A private account (under 16) not following the viewer back shows no bio, counts or posts. */
  user: PersonView & { bio: string; followerCount: number | null; followingCount: number | null; private: boolean };
  /** null for accounts that never switched on a creator offer. */
  creator: { subscriptionsEnabled: boolean; fanClubEnabled: boolean } | null;
  posts: PostView[];
  relation: {
    self: boolean;
    following: boolean;
    /** The viewer asked to follow this private account; it has not answered yet. */
    requested: boolean;
    followedBy: boolean;
    subscribed: boolean;
    fan: boolean;
    /** The viewer blocked this account. */
    blocked: boolean;
    canMessage: boolean;
    /** The viewer's 1:1 with this account, when there is one: "Message" opens it. */
    conversationId: string | null;
  };
}

export async function getProfile(db: Db, viewerId: string, username: string): Promise<Profile> {
  const user = await db.user.findUnique({
    where: { username: username.toLowerCase() },
    select: { ...personSelect, birthDate: true, bio: true, followerCount: true, followingCount: true, creatorProfile: true },
  });
  if (!user) throw notFound("No such user");
  const self = user.id === viewerId;
  const pair = { viewerId, otherId: user.id };
  const [blockedBy, blocked, following, followedBy, requested, subscribed, fan, posts, permission, direct] = await Promise.all([
    db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: pair.otherId, blockedId: pair.viewerId } } }),
    db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: pair.viewerId, blockedId: pair.otherId } } }),
    db.follow.findUnique({ where: { followerId_followeeId: { followerId: pair.viewerId, followeeId: pair.otherId } } }),
    db.follow.findUnique({ where: { followerId_followeeId: { followerId: pair.otherId, followeeId: pair.viewerId } } }),
    db.followRequest.findUnique({ where: { requesterId_targetId: { requesterId: pair.viewerId, targetId: pair.otherId } } }),
    db.subscription.findUnique({ where: { subscriberId_creatorId: { subscriberId: pair.viewerId, creatorId: pair.otherId } } }),
    db.fanClubMembership.findUnique({ where: { fanId_creatorId: { fanId: pair.viewerId, creatorId: pair.otherId } } }),
    postsBy(db, user.id),
    self ? null : messagingPermission(db, viewerId, user.id),
    self
      ? null
      : db.conversation.findUnique({ where: { directKey: directKeyOf(viewerId, user.id) }, select: { id: true, members: { where: { userId: viewerId, leftAt: null }, select: { userId: true } } } }),
  ]);
  // Someone who blocked the viewer is not there for them.
  if (blockedBy) throw notFound("No such user");
  const { creatorProfile, birthDate, bio, followerCount, followingCount, ...person } = user;
  // A private account shows its details to itself and to the people it follows back.
  const locked = isPrivateAccount({ birthDate }) && !self && !(following && followedBy);
  return {
    user: locked ? { ...person, bio: "", followerCount: null, followingCount: null, private: true } : { ...person, bio, followerCount, followingCount, private: isPrivateAccount({ birthDate }) },
    creator: creatorProfile ? { subscriptionsEnabled: creatorProfile.subscriptionsEnabled, fanClubEnabled: creatorProfile.fanClubEnabled } : null,
    posts: locked ? [] : posts,
    relation: {
      self,
      following: !!following,
      requested: !!requested,
      followedBy: !!followedBy,
      subscribed: !!subscribed,
      fan: !!fan,
      blocked: !!blocked,
      canMessage: permission?.allowed ?? false,
      conversationId: direct?.members.length ? direct.id : null,
    },
  };
}

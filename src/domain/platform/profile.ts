// A profile page's data: the account, its counters, its posts, what it offers as a
// creator, and how the viewer stands with it.
import type { Db } from "@/db/client";
import { notFound } from "@/domain/errors";
import { messagingPermission } from "@/domain/conversations/permissions";
import { personSelect, type PersonView } from "./people";
import { postsBy, type PostView } from "./posts";

export interface Profile {
  user: PersonView & { bio: string; followerCount: number; followingCount: number };
  /** null for accounts that never switched on a creator offer. */
  creator: { subscriptionsEnabled: boolean; fanClubEnabled: boolean } | null;
  posts: PostView[];
  relation: {
    self: boolean;
    following: boolean;
    followedBy: boolean;
    subscribed: boolean;
    fan: boolean;
    /** The viewer blocked this account. */
    blocked: boolean;
    canMessage: boolean;
  };
}

export async function getProfile(db: Db, viewerId: string, username: string): Promise<Profile> {
  const user = await db.user.findUnique({
    where: { username: username.toLowerCase() },
    select: { ...personSelect, bio: true, followerCount: true, followingCount: true, creatorProfile: true },
  });
  if (!user) throw notFound("No such user");
  const self = user.id === viewerId;
  const pair = { viewerId, otherId: user.id };
  const [blockedBy, blocked, following, followedBy, subscribed, fan, posts, permission] = await Promise.all([
    db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: pair.otherId, blockedId: pair.viewerId } } }),
    db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: pair.viewerId, blockedId: pair.otherId } } }),
    db.follow.findUnique({ where: { followerId_followeeId: { followerId: pair.viewerId, followeeId: pair.otherId } } }),
    db.follow.findUnique({ where: { followerId_followeeId: { followerId: pair.otherId, followeeId: pair.viewerId } } }),
    db.subscription.findUnique({ where: { subscriberId_creatorId: { subscriberId: pair.viewerId, creatorId: pair.otherId } } }),
    db.fanClubMembership.findUnique({ where: { fanId_creatorId: { fanId: pair.viewerId, creatorId: pair.otherId } } }),
    postsBy(db, user.id),
    self ? null : messagingPermission(db, viewerId, user.id),
  ]);
  // Someone who blocked the viewer is not there for them.
  if (blockedBy) throw notFound("No such user");
  const { creatorProfile, ...rest } = user;
  return {
    user: rest,
    creator: creatorProfile ? { subscriptionsEnabled: creatorProfile.subscriptionsEnabled, fanClubEnabled: creatorProfile.fanClubEnabled } : null,
    posts,
    relation: {
      self,
      following: !!following,
      followedBy: !!followedBy,
      subscribed: !!subscribed,
      fan: !!fan,
      blocked: !!blocked,
      canMessage: permission?.allowed ?? false,
    },
  };
}

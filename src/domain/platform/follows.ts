// Following. The counters on User (followerCount, followingCount) change in the same
// transaction as the Follow row, and only when the row really appeared or went away,
// so they stay exact under concurrent and repeated requests, and a profile reads one
// row instead of counting the Follow table.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";

export interface FollowState {
  following: boolean;
  followerCount: number;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

async function requireFolloweeFor(db: Db, followerId: string, followeeId: string) {
  if (followerId === followeeId) throw new DomainError("NOT_ALLOWED", "You cannot follow yourself.");
  const followee = await db.user.findUnique({ where: { id: followeeId }, select: { id: true } });
  if (!followee) throw notFound("No such user");
  // Someone who blocked you is hidden from you: the same answer as for nobody.
  const blockedBy = await db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: followeeId, blockedId: followerId } } });
  if (blockedBy) throw notFound("No such user");
  const blocking = await db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: followerId, blockedId: followeeId } } });
  if (blocking) throw new DomainError("BLOCKED", "Unblock this account to follow it.");
}

const followerCountOf = async (db: Db, userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { followerCount: true } })).followerCount;

/** Idempotent: following twice is following once. */
export async function follow(db: Db, followerId: string, followeeId: string): Promise<FollowState> {
  await requireFolloweeFor(db, followerId, followeeId);
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.follow.findUnique({ where: { followerId_followeeId: { followerId, followeeId } }, select: { followerId: true } });
      if (existing) return;
      await tx.follow.create({ data: { followerId, followeeId } });
      await tx.user.update({ where: { id: followeeId }, data: { followerCount: { increment: 1 } } });
      await tx.user.update({ where: { id: followerId }, data: { followingCount: { increment: 1 } } });
    });
  } catch (e) {
    // A concurrent follow of the same pair won: its transaction counted it, ours rolled back.
    if (!isUniqueViolation(e)) throw e;
  }
  return { following: true, followerCount: await followerCountOf(db, followeeId) };
}

/** Idempotent: unfollowing someone you don't follow changes nothing. */
export async function unfollow(db: Db, followerId: string, followeeId: string): Promise<FollowState> {
  const followee = await db.user.findUnique({ where: { id: followeeId }, select: { id: true } });
  if (!followee || followerId === followeeId) throw notFound("No such user");
  await db.$transaction(async (tx) => {
    // The delete takes the row's lock: of two concurrent unfollows only one sees count 1.
    const { count } = await tx.follow.deleteMany({ where: { followerId, followeeId } });
    if (count === 0) return;
    await tx.user.update({ where: { id: followeeId }, data: { followerCount: { decrement: 1 } } });
    await tx.user.update({ where: { id: followerId }, data: { followingCount: { decrement: 1 } } });
  });
  return { following: false, followerCount: await followerCountOf(db, followeeId) };
}

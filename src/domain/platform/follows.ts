// Following. The counters on User (followerCount, followingCount) change in the same
// transaction as the Follow row, and only when the row really appeared or went away,
// so they stay exact under concurrent and repeated requests, and a profile reads one
// row instead of counting the Follow table.
import { consumeLimit } from "@/domain/limits/consume";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/raw";
import { DomainError, notFound } from "@/domain/errors";
import { isPrivateAccount, seesDetailsOf } from "./privacy";

export interface FollowState {
  following: boolean;
  /** A private account was asked: it approves or declines. */
  requested: boolean;
  /** null where the viewer may not see the account's counts (a private account not following them back). */
  followerCount: number | null;
}

// Hundreds of follows at once queue for SQLite's one writer or the PostgreSQL pool:
// wait for a turn longer than Prisma's default 2 s instead of failing.
const QUEUED_TX = { maxWait: 15_000, timeout: 10_000 };

async function requireFolloweeFor(db: Db, followerId: string, followeeId: string) {
  if (followerId === followeeId) throw new DomainError("NOT_ALLOWED", "You cannot follow yourself.");
  const followee = await db.user.findUnique({ where: { id: followeeId }, select: { id: true, birthDate: true } });
  if (!followee) throw notFound("No such user");
  // Someone who blocked you is hidden from you: the same answer as for nobody.
  const blockedBy = await db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: followeeId, blockedId: followerId } } });
  if (blockedBy) throw notFound("No such user");
  const blocking = await db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: followerId, blockedId: followeeId } } });
  if (blocking) throw new DomainError("BLOCKED", "Unblock this account to follow it.");
  return followee;
}

/** Where the follower stands with the followee now, as the follower may see it. */
async function stateOf(db: Db, followerId: string, followeeId: string): Promise<FollowState> {
  const [followee, following, request] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: followeeId }, select: { id: true, birthDate: true, followerCount: true } }),
    db.follow.findUnique({ where: { followerId_followeeId: { followerId, followeeId } }, select: { followerId: true } }),
    db.followRequest.findUnique({ where: { requesterId_targetId: { requesterId: followerId, targetId: followeeId } }, select: { requesterId: true } }),
  ]);
  const counts = await seesDetailsOf(db, followerId, followee);
  return { following: !!following, requested: !!request, followerCount: counts ? followee.followerCount : null };
}

/**
 * Idempotent: following twice is following once. A private account is not followed but
 * asked (a request it approves); asking twice is asking once.
 */
export async function follow(db: Db, followerId: string, followeeId: string): Promise<FollowState> {
  await consumeLimit("follow", followerId);
  const followee = await requireFolloweeFor(db, followerId, followeeId);
  const already = await db.follow.findUnique({ where: { followerId_followeeId: { followerId, followeeId } }, select: { followerId: true } });
  if (!already && isPrivateAccount(followee)) {
    await db.followRequest.create({ data: { requesterId: followerId, targetId: followeeId } }).catch((e) => {
      if (!isUniqueViolation(e)) throw e; // asked before: one request
    });
    return stateOf(db, followerId, followeeId);
  }
  await addFollow(db, followerId, followeeId);
  return stateOf(db, followerId, followeeId);
}

/** The Follow row and both counters in one transaction, once. */
async function addFollow(db: Db, followerId: string, followeeId: string): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.follow.findUnique({ where: { followerId_followeeId: { followerId, followeeId } }, select: { followerId: true } });
      if (existing) return;
      await tx.follow.create({ data: { followerId, followeeId } });
      await tx.user.update({ where: { id: followeeId }, data: { followerCount: { increment: 1 } } });
      await tx.user.update({ where: { id: followerId }, data: { followingCount: { increment: 1 } } });
    }, QUEUED_TX);
  } catch (e) {
    // A concurrent follow of the same pair won: its transaction counted it, ours rolled back.
    if (!isUniqueViolation(e)) throw e;
  }
}

/** Idempotent: unfollowing someone you don't follow changes nothing; it also withdraws a pending request. */
export async function unfollow(db: Db, followerId: string, followeeId: string): Promise<FollowState> {
  const followee = await db.user.findUnique({ where: { id: followeeId }, select: { id: true } });
  if (!followee || followerId === followeeId) throw notFound("No such user");
  await db.$transaction(async (tx) => {
    // The delete takes the row's lock: of two concurrent unfollows only one sees count 1.
    await tx.followRequest.deleteMany({ where: { requesterId: followerId, targetId: followeeId } });
    const { count } = await tx.follow.deleteMany({ where: { followerId, followeeId } });
    if (count === 0) return;
    await tx.user.update({ where: { id: followeeId }, data: { followerCount: { decrement: 1 } } });
    await tx.user.update({ where: { id: followerId }, data: { followingCount: { decrement: 1 } } });
  }, QUEUED_TX);
  return stateOf(db, followerId, followeeId);
}

export interface FollowRequestView {
  user: { id: string; username: string; displayName: string; avatarUrl: string | null };
  createdAt: string;
}

/** The requests waiting for this (private) account, oldest first. */
export async function listFollowRequests(db: Db, targetId: string): Promise<FollowRequestView[]> {
  const rows = await db.followRequest.findMany({
    where: { targetId },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, requester: { select: { id: true, username: true, displayName: true, avatarUrl: true } } },
  });
  return rows.map((r) => ({ user: r.requester, createdAt: r.createdAt.toISOString() }));
}

/** Approving makes the follow; a request that is not there is NOT_FOUND (nothing to approve). */
export async function approveFollowRequest(db: Db, targetId: string, requesterId: string): Promise<{ approved: true }> {
  const { count } = await db.followRequest.deleteMany({ where: { requesterId, targetId } });
  if (count === 0) throw notFound("No such follow request");
  await addFollow(db, requesterId, targetId);
  return { approved: true };
}

/** Declining removes the request; the requester is not told. Idempotent. */
export async function declineFollowRequest(db: Db, targetId: string, requesterId: string): Promise<{ declined: true }> {
  await db.followRequest.deleteMany({ where: { requesterId, targetId } });
  return { declined: true };
}

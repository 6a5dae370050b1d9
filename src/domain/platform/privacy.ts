// Private accounts: every account under 16 is private. Only the people it follows back
// (a mutual follow) see its bio, counts and posts; following it is a request it approves;
// it is never offered in search or the feed to anyone else.
import type { Db } from "@/db/client";
import { ageOf } from "@/domain/accounts/view";
import { AGE } from "@/shared/limits";
import { bornOnOrBefore } from "./people";

export const isPrivateAccount = (user: { birthDate: string }, now = new Date()) => ageOf(user, now) < AGE.minimumForDMs;

/** The birth dates of public accounts (16 and over), as a Prisma filter on User. */
export const publicAccount = (now = new Date()) => ({ birthDate: { lte: bornOnOrBefore(AGE.minimumForDMs, now) } });

/** Whether the viewer sees this account's details: its own, a public one, or one that follows the viewer back. */
export async function seesDetailsOf(db: Db, viewerId: string, owner: { id: string; birthDate: string }, now = new Date()): Promise<boolean> {
  if (owner.id === viewerId || !isPrivateAccount(owner, now)) return true;
  const pair = await db.follow.count({
    where: {
      OR: [
        { followerId: viewerId, followeeId: owner.id },
        { followerId: owner.id, followeeId: viewerId },
      ],
    },
  });
  return pair === 2;
}

/** The private accounts whose posts this viewer may see: those in a mutual follow with them. */
export async function privateAccountsVisibleTo(db: Db, viewerId: string, now = new Date()): Promise<string[]> {
  const followedBack = await db.follow.findMany({
    where: { followerId: viewerId, followee: { birthDate: { gt: bornOnOrBefore(AGE.minimumForDMs, now) }, following: { some: { followeeId: viewerId } } } },
    select: { followeeId: true },
  });
  return followedBack.map((f) => f.followeeId);
}

/** A Prisma filter on Post: posts of public accounts, the viewer's own, and those of private accounts that follow the viewer back. */
export async function visiblePostsFilter(db: Db, viewerId: string, now = new Date()) {
  const privateOnes = await privateAccountsVisibleTo(db, viewerId, now);
  return { OR: [{ creator: publicAccount(now) }, { creatorId: { in: [viewerId, ...privateOnes] } }] };
}

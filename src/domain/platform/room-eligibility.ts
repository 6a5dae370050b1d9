// May a creator open chat rooms? The one rule, used by the creator settings page
// and by room creation (NOT_ELIGIBLE with these reasons).
import type { Db } from "@/db/client";
import { ageOf } from "@/domain/accounts/view";
import { notFound } from "@/domain/errors";
import { ROOMS } from "@/shared/limits";

/** What is missing, in the order a creator would fix it. */
export type RoomEligibilityReason = "age" | "followers" | "subscriptionOrFanClub";

export interface RoomEligibility {
  eligible: boolean;
  reasons: RoomEligibilityReason[];
  /** The facts behind the answer, for the settings page. */
  age: number;
  followerCount: number;
  requiredAge: number;
  requiredFollowers: number;
}

export interface RoomEligibilityFacts {
  birthDate: string;
  followerCount: number;
  subscriptionsEnabled: boolean;
  fanClubEnabled: boolean;
}

/** The pure rule over facts already loaded. */
export function decideRoomEligibility(facts: RoomEligibilityFacts, now: Date = new Date()): RoomEligibility {
  const age = ageOf(facts, now);
  const reasons: RoomEligibilityReason[] = [];
  if (age < ROOMS.creatorMinAge) reasons.push("age");
  if (facts.followerCount < ROOMS.creatorMinFollowers) reasons.push("followers");
  if (!facts.subscriptionsEnabled && !facts.fanClubEnabled) reasons.push("subscriptionOrFanClub");
  return {
    eligible: reasons.length === 0,
    reasons,
    age,
    followerCount: facts.followerCount,
    requiredAge: ROOMS.creatorMinAge,
    requiredFollowers: ROOMS.creatorMinFollowers,
  };
}

/** Two indexed reads: the follower counter and the creator switches (no count over Follow). */
export async function roomEligibility(db: Db, userId: string, now: Date = new Date()): Promise<RoomEligibility> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { birthDate: true, followerCount: true, creatorProfile: { select: { subscriptionsEnabled: true, fanClubEnabled: true } } },
  });
  if (!user) throw notFound("No such user");
  return decideRoomEligibility(
    {
      birthDate: user.birthDate,
      followerCount: user.followerCount,
      subscriptionsEnabled: user.creatorProfile?.subscriptionsEnabled ?? false,
      fanClubEnabled: user.creatorProfile?.fanClubEnabled ?? false,
    },
    now,
  );
}

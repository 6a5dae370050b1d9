// Who may open creator chat rooms: an adult creator with a following and a paid
// relationship with fans (subscriptions or a LIVE Fan Club). One rule, used by the
// rooms capability and by profile pages that explain it.
import type { Db } from "@/db/client";
import { notFound } from "@/domain/errors";
import { ageOn } from "@/shared/age";
import { ROOMS } from "@/shared/limits";

export type RoomIneligibility = "under_age" | "too_few_followers" | "no_subscription_or_fan_club";

export interface RoomEligibility {
  eligible: boolean;
  /** Every unmet condition, so the creator sees all of them at once. */
  reasons: RoomIneligibility[];
  age: number;
  followers: number;
  subscriptionsEnabled: boolean;
  fanClubEnabled: boolean;
}

export async function roomEligibility(db: Db, userId: string, now = new Date()): Promise<RoomEligibility> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { creatorProfile: true } });
  if (!user) throw notFound("No such account");
  const age = ageOn(user.birthDate, now);
  const subscriptionsEnabled = user.creatorProfile?.subscriptionsEnabled ?? false;
  const fanClubEnabled = user.creatorProfile?.fanClubEnabled ?? false;
  const reasons: RoomIneligibility[] = [];
  if (age < ROOMS.creatorMinAge) reasons.push("under_age");
  if (user.followerCount < ROOMS.creatorMinFollowers) reasons.push("too_few_followers");
  if (!subscriptionsEnabled && !fanClubEnabled) reasons.push("no_subscription_or_fan_club");
  return { eligible: reasons.length === 0, reasons, age, followers: user.followerCount, subscriptionsEnabled, fanClubEnabled };
}

// Subscriptions and the LIVE Fan Club (simulated: no payment, but real rows and rules),
// and the creator's own switches and figures.
import { recordFanActivity } from "@/domain/rooms/admission";
import { dropUnadmitted } from "@/domain/rooms/eviction";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import type { CreatorSettingsInput } from "@/shared/schemas/platform";
import { roomEligibility, type RoomEligibility } from "./room-eligibility";

export type Membership = "subscription" | "fanClub";

export interface CreatorDashboard {
  settings: { subscriptionsEnabled: boolean; fanClubEnabled: boolean };
  counts: { followers: number; following: number; subscribers: number; fanClubMembers: number };
  roomEligibility: RoomEligibility;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

async function requireOfferedBy(db: Db, fanId: string, creatorId: string, kind: Membership) {
  const creator = await db.user.findUnique({ where: { id: creatorId }, select: { id: true, creatorProfile: true } });
  if (!creator) throw notFound("No such creator");
  const blockedBy = await db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: creatorId, blockedId: fanId } } });
  if (blockedBy) throw notFound("No such creator");
  if (fanId === creatorId) throw new DomainError("NOT_ALLOWED", "You cannot join your own audience.");
  const on = kind === "subscription" ? creator.creatorProfile?.subscriptionsEnabled : creator.creatorProfile?.fanClubEnabled;
  if (!on) throw new DomainError("NOT_AVAILABLE", kind === "subscription" ? "This creator does not offer subscriptions." : "This creator has no LIVE Fan Club.");
}

/** Idempotent: joining twice is joining once. Refused (NOT_AVAILABLE) when the creator switched it off. */
export async function join(db: Db, fanId: string, creatorId: string, kind: Membership): Promise<{ active: true }> {
  await requireOfferedBy(db, fanId, creatorId, kind);
  try {
    if (kind === "subscription") await db.subscription.create({ data: { subscriberId: fanId, creatorId } });
    else await db.fanClubMembership.create({ data: { fanId, creatorId } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Joining the fan club again is the explicit renewal of a lapsing membership.
    if (kind === "fanClub") await recordFanActivity(db, creatorId, fanId);
  }
  return { active: true };
}

/** Leaving is always possible, even after the creator switched the offer off. Idempotent. */
export async function leave(db: Db, fanId: string, creatorId: string, kind: Membership): Promise<{ active: false }> {
  const creator = await db.user.findUnique({ where: { id: creatorId }, select: { id: true } });
  if (!creator) throw notFound("No such creator");
  if (kind === "subscription") await db.subscription.deleteMany({ where: { subscriberId: fanId, creatorId } });
  else await db.fanClubMembership.deleteMany({ where: { fanId, creatorId } });
  // Out of the creator's rooms that needed it, at once (unless the other membership admits).
  await dropUnadmitted(db, creatorId, fanId);
  return { active: false };
}

/**
 * Switching an offer off stops new subscriptions or members; the existing ones stay
 * (they were granted, and rooms for that audience keep working).
 */
export async function updateCreatorSettings(db: Db, userId: string, input: CreatorSettingsInput): Promise<CreatorDashboard> {
  await db.creatorProfile.upsert({
    where: { userId },
    create: { userId, subscriptionsEnabled: input.subscriptionsEnabled ?? false, fanClubEnabled: input.fanClubEnabled ?? false },
    update: input,
  });
  return creatorDashboard(db, userId);
}

export async function creatorDashboard(db: Db, userId: string): Promise<CreatorDashboard> {
  const [user, subscribers, fanClubMembers, eligibility] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { followerCount: true, followingCount: true, creatorProfile: true } }),
    db.subscription.count({ where: { creatorId: userId } }),
    db.fanClubMembership.count({ where: { creatorId: userId } }),
    roomEligibility(db, userId),
  ]);
  if (!user) throw notFound("No such account");
  return {
    settings: {
      subscriptionsEnabled: user.creatorProfile?.subscriptionsEnabled ?? false,
      fanClubEnabled: user.creatorProfile?.fanClubEnabled ?? false,
    },
    counts: { followers: user.followerCount, following: user.followingCount, subscribers, fanClubMembers },
    roomEligibility: eligibility,
  };
}

/** What a creator offers their fans, or null for an account that never set up as a creator. */
export async function creatorOffers(db: Db, userId: string): Promise<{ subscriptionsEnabled: boolean; fanClubEnabled: boolean } | null> {
  const profile = await db.creatorProfile.findUnique({ where: { userId }, select: { subscriptionsEnabled: true, fanClubEnabled: true } });
  return profile;
}

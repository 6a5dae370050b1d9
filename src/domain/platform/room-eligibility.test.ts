import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { ROOMS } from "@/shared/limits";
import { createMigratedDb } from "../../../tests/helpers/database";
import { decideRoomEligibility, roomEligibility } from "./room-eligibility";

const facts = (over: Partial<Parameters<typeof decideRoomEligibility>[0]> = {}) => ({
  birthDate: birthDateForAge(ROOMS.creatorMinAge),
  followerCount: ROOMS.creatorMinFollowers,
  subscriptionsEnabled: false,
  fanClubEnabled: true,
  ...over,
});

describe("decideRoomEligibility", () => {
  it("an 18-year-old with exactly 10,000 followers and a fan club is eligible", () => {
    expect(decideRoomEligibility(facts())).toMatchObject({ eligible: true, reasons: [] });
    expect(decideRoomEligibility(facts({ subscriptionsEnabled: true, fanClubEnabled: false })).eligible).toBe(true);
  });

  it("9,999 followers: refused for followers", () => {
    expect(decideRoomEligibility(facts({ followerCount: ROOMS.creatorMinFollowers - 1 }))).toMatchObject({ eligible: false, reasons: ["followers"] });
  });

  it("a 17-year-old: refused for age", () => {
    expect(decideRoomEligibility(facts({ birthDate: birthDateForAge(ROOMS.creatorMinAge - 1) }))).toMatchObject({ eligible: false, reasons: ["age"], age: 17 });
  });

  it("neither subscriptions nor a fan club: refused, and every missing piece is listed", () => {
    expect(decideRoomEligibility(facts({ fanClubEnabled: false })).reasons).toEqual(["subscriptionOrFanClub"]);
    expect(decideRoomEligibility(facts({ birthDate: birthDateForAge(16), followerCount: 0, fanClubEnabled: false })).reasons).toEqual(["age", "followers", "subscriptionOrFanClub"]);
  });
});

describe("roomEligibility", () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await createMigratedDb());
  });
  afterAll(() => close());

  it("reads the follower counter and the creator switches", async () => {
    const creator = await db.user.create({
      data: { username: "creator", displayName: "C", passwordHash: "!", birthDate: birthDateForAge(30), followerCount: ROOMS.creatorMinFollowers },
    });
    expect(await roomEligibility(db, creator.id)).toMatchObject({ eligible: false, reasons: ["subscriptionOrFanClub"], followerCount: ROOMS.creatorMinFollowers });
    await db.creatorProfile.create({ data: { userId: creator.id, subscriptionsEnabled: true } });
    expect(await roomEligibility(db, creator.id)).toMatchObject({ eligible: true, reasons: [] });
  });

  it("NOT_FOUND for an unknown user", async () => {
    await expect(roomEligibility(db, "nobody")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

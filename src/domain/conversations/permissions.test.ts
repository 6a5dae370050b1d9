import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { createMigratedDb } from "../../../tests/helpers/database";
import { canBeAddedToGroup, groupAddPermissions, messagingPermission, messagingPermissions } from "./permissions";

let db: Db;
let close: () => Promise<void>;
let n = 0;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
});
afterAll(() => close());

async function user(age: number, dmPolicy: "everyone" | "friends" | "nobody" | null = null) {
  n += 1;
  const u = await db.user.create({ data: { username: `p${n}`, displayName: `P${n}`, passwordHash: "!", birthDate: birthDateForAge(age), dmPolicy } });
  return u.id;
}
const follow = (followerId: string, followeeId: string) => db.follow.create({ data: { followerId, followeeId } });
const friends = async (a: string, b: string) => {
  await follow(a, b);
  await follow(b, a);
};
const block = (blockerId: string, blockedId: string) => db.userBlock.create({ data: { blockerId, blockedId } });

describe("messagingPermission", () => {
  it("AGE_RESTRICTED when the recipient is under 16, even for friends with policy everyone", async () => {
    const adult = await user(30);
    const kid = await user(15, "everyone");
    await friends(adult, kid);
    expect(await messagingPermission(db, adult, kid)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
  });

  it("AGE_RESTRICTED when the sender is under 16", async () => {
    const kid = await user(14);
    const adult = await user(30, "everyone");
    await friends(adult, kid);
    expect(await messagingPermission(db, kid, adult)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
  });

  it("AGE_RESTRICTED comes before BLOCKED", async () => {
    const adult = await user(30);
    const kid = await user(15);
    await block(adult, kid);
    expect(await messagingPermission(db, adult, kid)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
  });

  it("turns 16 on the birthday itself", async () => {
    const adult = await user(30);
    const now = new Date("2030-06-15T12:00:00Z");
    const sixteenToday = await db.user.create({ data: { username: "bday", displayName: "B", passwordHash: "!", birthDate: "2014-06-15", dmPolicy: "everyone" } });
    const sixteenTomorrow = await db.user.create({ data: { username: "bday2", displayName: "B", passwordHash: "!", birthDate: "2014-06-16", dmPolicy: "everyone" } });
    // Past the age gate on the birthday: their DM policy answers (friends only under 18).
    expect(await messagingPermission(db, adult, sixteenToday.id, now)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await messagingPermission(db, adult, sixteenTomorrow.id, now)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
  });

  it("BLOCKED when the recipient blocked the sender", async () => {
    const a = await user(30);
    const b = await user(30);
    await friends(a, b);
    await block(b, a);
    expect(await messagingPermission(db, a, b)).toEqual({ allowed: false, code: "BLOCKED" });
  });

  it("BLOCKED when the sender blocked the recipient", async () => {
    const a = await user(30);
    const b = await user(30);
    await block(a, b);
    expect(await messagingPermission(db, a, b)).toEqual({ allowed: false, code: "BLOCKED" });
  });

  it("NOT_ALLOWED when the recipient's policy is nobody, friends or not", async () => {
    const a = await user(30);
    const b = await user(30, "nobody");
    await friends(a, b);
    expect(await messagingPermission(db, a, b)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
  });

  it("friends policy: NOT_ALLOWED for a stranger, for a one-way follow either way; allowed (no request) for friends", async () => {
    const b = await user(30, "friends");
    const stranger = await user(30);
    const fan = await user(30); // follows b, b does not follow back
    const followedByB = await user(30); // b follows them, they do not follow b
    const friend = await user(30);
    await follow(fan, b);
    await follow(b, followedByB);
    await friends(friend, b);
    expect(await messagingPermission(db, stranger, b)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await messagingPermission(db, fan, b)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await messagingPermission(db, followedByB, b)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await messagingPermission(db, friend, b)).toEqual({ allowed: true, asRequest: false });
  });

  it("teens (16-17) default to friends; adults to everyone", async () => {
    const adult = await user(30);
    const teen = await user(17);
    const otherAdult = await user(25);
    expect(await messagingPermission(db, adult, teen)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await messagingPermission(db, adult, otherAdult)).toEqual({ allowed: true, asRequest: true });
    await friends(adult, teen);
    expect(await messagingPermission(db, adult, teen)).toEqual({ allowed: true, asRequest: false });
  });

  it("a teen's stored everyone counts as friends: a stranger is refused, a friend is not", async () => {
    const adult = await user(30);
    const friend = await user(30);
    const teen = await user(16, "everyone");
    await friends(friend, teen);
    expect(await messagingPermission(db, adult, teen)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await messagingPermission(db, friend, teen)).toEqual({ allowed: true, asRequest: false });
  });

  it("everyone policy: a request unless the recipient follows the sender", async () => {
    const b = await user(30, "everyone");
    const stranger = await user(30);
    const followedByB = await user(30);
    const fanOfB = await user(30);
    await follow(b, followedByB);
    await follow(fanOfB, b);
    expect(await messagingPermission(db, stranger, b)).toEqual({ allowed: true, asRequest: true });
    expect(await messagingPermission(db, followedByB, b)).toEqual({ allowed: true, asRequest: false });
    expect(await messagingPermission(db, fanOfB, b)).toEqual({ allowed: true, asRequest: true });
  });

  it("the sender's own policy does not matter", async () => {
    const a = await user(30, "nobody");
    const b = await user(30, "everyone");
    expect(await messagingPermission(db, a, b)).toEqual({ allowed: true, asRequest: true });
  });

  it("NOT_ALLOWED to oneself", async () => {
    const a = await user(30);
    expect(await messagingPermission(db, a, a)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
  });

  it("NOT_FOUND for an unknown recipient or sender", async () => {
    const a = await user(30);
    await expect(messagingPermission(db, a, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(messagingPermission(db, "nope", a)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("messagingPermissions (batch)", () => {
  it("answers each recipient as the single call would, and leaves out unknown ids", async () => {
    const me = await user(30);
    const kid = await user(15);
    const blocker = await user(30);
    const closed = await user(30, "nobody");
    const open = await user(30);
    const friend = await user(17);
    await block(blocker, me);
    await friends(me, friend);
    const map = await messagingPermissions(db, me, [kid, blocker, closed, open, friend, "ghost", open]);
    expect(Object.fromEntries(map)).toEqual({
      [kid]: { allowed: false, code: "AGE_RESTRICTED" },
      [blocker]: { allowed: false, code: "BLOCKED" },
      [closed]: { allowed: false, code: "NOT_ALLOWED" },
      [open]: { allowed: true, asRequest: true },
      [friend]: { allowed: true, asRequest: false },
    });
    expect((await messagingPermissions(db, me, [])).size).toBe(0);
  });
});

describe("canBeAddedToGroup", () => {
  it("follows the same rule from the adder: age, blocks, policy; a request when the added person does not follow the adder", async () => {
    const adder = await user(30);
    const kid = await user(15, "everyone");
    const blocker = await user(30);
    const closed = await user(30, "nobody");
    const teen = await user(17);
    const teenFriend = await user(17);
    const stranger = await user(30);
    const fan = await user(30);
    await block(blocker, adder);
    await friends(adder, teenFriend);
    await follow(fan, adder);
    expect(await canBeAddedToGroup(db, adder, kid)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
    expect(await canBeAddedToGroup(db, adder, blocker)).toEqual({ allowed: false, code: "BLOCKED" });
    expect(await canBeAddedToGroup(db, adder, closed)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await canBeAddedToGroup(db, adder, teen)).toEqual({ allowed: false, code: "NOT_ALLOWED" });
    expect(await canBeAddedToGroup(db, adder, teenFriend)).toEqual({ allowed: true, asRequest: false });
    expect(await canBeAddedToGroup(db, adder, stranger)).toEqual({ allowed: true, asRequest: true });
    expect(await canBeAddedToGroup(db, adder, fan)).toEqual({ allowed: true, asRequest: false });
    const kidAdder = await user(15);
    expect(await canBeAddedToGroup(db, kidAdder, stranger)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
    const map = await groupAddPermissions(db, adder, [kid, fan]);
    expect(map.get(kid)).toEqual({ allowed: false, code: "AGE_RESTRICTED" });
    expect(map.get(fan)).toEqual({ allowed: true, asRequest: false });
  });
});

// Room fixtures for integration tests: an eligible creator, and fans made in bulk
// straight in the test server's database (signing 300 people up through argon2 is
// far too slow), each with a bearer token signed like the server's own.
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { createDb, type Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { ROOMS } from "@/shared/limits";
import { Api, createUser, type TestUser } from "./api";
import { TEST_SECRET, type TestServer } from "./server";

export function serverDb(server: TestServer): Db {
  return createDb(server.database.url);
}

/** A bearer token signed like the server's own, for a session row the caller made (see createFans). */
export async function tokenFor(user: { id: string; username: string }, sessionId: string): Promise<string> {
  return encode({ token: { sub: user.id, name: user.username, sid: sessionId }, secret: TEST_SECRET, maxAge: 3600 });
}

/** A signed-up creator who meets every condition unless told otherwise. */
export async function createCreator(server: TestServer, db: Db, options: { age?: number; followers?: number; subscriptions?: boolean; fanClub?: boolean } = {}): Promise<TestUser> {
  const user = await createUser(server.url, { age: options.age ?? 30 });
  await db.user.update({ where: { id: user.id }, data: { followerCount: options.followers ?? ROOMS.creatorMinFollowers } });
  await db.creatorProfile.create({ data: { userId: user.id, subscriptionsEnabled: options.subscriptions ?? true, fanClubEnabled: options.fanClub ?? true } });
  return user;
}

export interface BulkFan {
  id: string;
  username: string;
  token: string;
  api: Api;
}

/** `count` fans of `creatorId` (subscribers, fan-club members or both), inserted in one go. */
export async function createFans(server: TestServer, db: Db, creatorId: string, count: number, options: { as?: "subscriber" | "fan" | "both"; age?: number } = {}): Promise<BulkFan[]> {
  const prefix = `f${crypto.randomBytes(4).toString("hex")}`;
  const rows = Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, username: `${prefix}${i}`, displayName: `Fan ${i}`, passwordHash: "!", birthDate: birthDateForAge(options.age ?? 22) }));
  await db.user.createMany({ data: rows });
  const as = options.as ?? "subscriber";
  if (as !== "fan") await db.subscription.createMany({ data: rows.map((r) => ({ subscriberId: r.id, creatorId })) });
  if (as !== "subscriber") await db.fanClubMembership.createMany({ data: rows.map((r) => ({ fanId: r.id, creatorId })) });
  await db.session.createMany({ data: rows.map((r) => ({ id: `${r.id}-s`, userId: r.id, kind: "token", label: "test" })) });
  return Promise.all(
    rows.map(async (r) => {
      const token = await tokenFor(r, `${r.id}-s`);
      return { id: r.id, username: r.username, token, api: new Api(server.url, token) };
    }),
  );
}

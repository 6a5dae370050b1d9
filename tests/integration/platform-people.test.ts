// People search, profiles and following, through HTTP on a real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { Api, createUser, type TestUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db; // fixtures the API does not create (blocks, display names with umlauts)
beforeAll(async () => {
  server = await startServer();
  db = createDb(server.database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

const profileOf = async (viewer: TestUser, username: string) => (await viewer.api.get(`/api/users/${username}`)).body.profile;

describe("GET /api/users?query=", () => {
  it("finds by username prefix and by display name, ignoring case, with canMessage from the messaging rule", async () => {
    const viewer = await createUser(server.url, { age: 30 });
    const target = await createUser(server.url, { age: 30, username: `zoe${Date.now().toString(36)}` });
    await db.user.update({ where: { id: target.id }, data: { displayName: "Zoë Müller" } });

    for (const query of [target.username.slice(0, 5).toUpperCase(), "müller", "MÜLLER", "zoë m", "ÜLL"]) {
      const res = await viewer.api.get(`/api/users?query=${encodeURIComponent(query)}`);
      expect(res.status, query).toBe(200);
      expect(res.body.users, query).toContainEqual({ id: target.id, username: target.username, displayName: "Zoë Müller", avatarUrl: null, isBot: false, canMessage: true });
    }
  });

  it("never offers under-16s, nor the viewer, nor anyone a block stands between", async () => {
    const tag = `tag${Date.now().toString(36)}`;
    const viewer = await createUser(server.url, { age: 30, username: `${tag}viewer` });
    const kid = await createUser(server.url, { age: 14, username: `${tag}kid` });
    const teen = await createUser(server.url, { age: 16, username: `${tag}teen` });
    const blockedByViewer = await createUser(server.url, { username: `${tag}blocked` });
    const blocker = await createUser(server.url, { username: `${tag}blocker` });
    await db.userBlock.create({ data: { blockerId: viewer.id, blockedId: blockedByViewer.id } });
    await db.userBlock.create({ data: { blockerId: blocker.id, blockedId: viewer.id } });

    const res = await viewer.api.get(`/api/users?query=${tag}`);
    expect(res.body.users.map((u: { id: string }) => u.id)).toEqual([teen.id]);
    // A 16-year-old's default policy is friends only: shown, but not offered for messaging.
    expect(res.body.users[0].canMessage).toBe(false);
    expect(kid.id).toBeTruthy();
  });

  it("an empty query finds nobody; a too long one is VALIDATION_FAILED", async () => {
    const viewer = await createUser(server.url);
    expect((await viewer.api.get("/api/users?query=")).body).toEqual({ users: [], nextCursor: null, hasMore: false });
    const res = await viewer.api.get(`/api/users?query=${"x".repeat(51)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("needs a signed-in caller", async () => {
    expect((await new Api(server.url).get("/api/users?query=a")).status).toBe(401);
  });
});

describe("GET /api/users/:username", () => {
  it("shows the account, its counters and the viewer's relation", async () => {
    const a = await createUser(server.url, { age: 30 });
    const b = await createUser(server.url, { age: 30 });
    await a.api.post(`/api/users/${b.id}/follow`);
    await b.api.post(`/api/users/${a.id}/follow`);
    const profile = await profileOf(a, b.username);
    expect(profile.user).toMatchObject({ id: b.id, username: b.username, followerCount: 1, followingCount: 1, bio: "" });
    expect(profile.relation).toEqual({ self: false, following: true, requested: false, followedBy: true, subscribed: false, fan: false, blocked: false, canMessage: true, conversationId: null });
    expect(profile.creator).toBeNull();
    expect((await profileOf(a, a.username)).relation).toMatchObject({ self: true, canMessage: false });
  });

  it("canMessage is false towards a 14-year-old, and a 14-year-old can message nobody", async () => {
    const adult = await createUser(server.url, { age: 30 });
    const kid = await createUser(server.url, { age: 14 });
    expect((await profileOf(adult, kid.username)).relation.canMessage).toBe(false);
    expect((await profileOf(kid, adult.username)).relation.canMessage).toBe(false);
  });

  it("NOT_FOUND for an unknown name and for someone who blocked the viewer", async () => {
    const viewer = await createUser(server.url);
    const blocker = await createUser(server.url);
    await db.userBlock.create({ data: { blockerId: blocker.id, blockedId: viewer.id } });
    expect((await viewer.api.get("/api/users/nobody_here")).status).toBe(404);
    const res = await viewer.api.get(`/api/users/${blocker.username}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});

describe("POST/DELETE /api/users/:id/follow", () => {
  it("is idempotent and keeps both counters", async () => {
    const fan = await createUser(server.url);
    const star = await createUser(server.url);
    expect((await fan.api.post(`/api/users/${star.id}/follow`)).body).toEqual({ following: true, requested: false, followerCount: 1 });
    expect((await fan.api.post(`/api/users/${star.id}/follow`)).body).toEqual({ following: true, requested: false, followerCount: 1 });
    expect((await profileOf(fan, fan.username)).user.followingCount).toBe(1);
    expect((await fan.api.delete(`/api/users/${star.id}/follow`)).body).toEqual({ following: false, requested: false, followerCount: 0 });
    expect((await fan.api.delete(`/api/users/${star.id}/follow`)).body).toEqual({ following: false, requested: false, followerCount: 0 });
    expect((await profileOf(fan, fan.username)).user.followingCount).toBe(0);
  });

  it("refuses following yourself, a stranger id, or someone you blocked, and changes nothing", async () => {
    const me = await createUser(server.url);
    const blocked = await createUser(server.url);
    await db.userBlock.create({ data: { blockerId: me.id, blockedId: blocked.id } });
    expect((await me.api.post(`/api/users/${me.id}/follow`)).body.error.code).toBe("NOT_ALLOWED");
    expect((await me.api.post("/api/users/no-such-id/follow")).status).toBe(404);
    const res = await me.api.post(`/api/users/${blocked.id}/follow`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("BLOCKED");
    expect((await profileOf(me, me.username)).user.followingCount).toBe(0);
    expect(await db.follow.count({ where: { followerId: me.id } })).toBe(0);
  });

  it("someone who blocked you cannot be followed: NOT_FOUND, as if absent", async () => {
    const me = await createUser(server.url);
    const blocker = await createUser(server.url);
    await db.userBlock.create({ data: { blockerId: blocker.id, blockedId: me.id } });
    expect((await me.api.post(`/api/users/${blocker.id}/follow`)).status).toBe(404);
    expect(await db.follow.count({ where: { followerId: me.id } })).toBe(0);
  });

  it("counters stay exact under 200 concurrent follows, then 200 concurrent mixed follows and unfollows", async () => {
    const creators = await Promise.all(Array.from({ length: 4 }, () => createUser(server.url)));
    const fans: TestUser[] = [];
    for (let i = 0; i < 50; i += 10) fans.push(...(await Promise.all(Array.from({ length: 10 }, () => createUser(server.url, { birthDate: birthDateForAge(20) })))));

    const first = await Promise.all(fans.flatMap((f) => creators.map((c) => f.api.post(`/api/users/${c.id}/follow`))));
    expect(first.filter((r) => r.status !== 200)).toEqual([]);
    for (const c of creators) expect((await profileOf(c, c.username)).user.followerCount).toBe(50);

    const [c0, c1, c2, c3] = creators;
    const second = await Promise.all([
      ...fans.map((f) => f.api.delete(`/api/users/${c0.id}/follow`)),
      ...fans.map((f) => f.api.delete(`/api/users/${c1.id}/follow`)),
      ...fans.map((f) => f.api.post(`/api/users/${c2.id}/follow`)), // already following: no change
      ...fans.slice(0, 25).flatMap((f) => [f.api.delete(`/api/users/${c3.id}/follow`), f.api.delete(`/api/users/${c3.id}/follow`)]),
    ]);
    expect(second).toHaveLength(200);
    expect(second.filter((r) => r.status !== 200)).toEqual([]);

    const expected = [0, 0, 50, 25];
    for (const [i, c] of creators.entries()) {
      expect((await profileOf(c, c.username)).user.followerCount).toBe(expected[i]);
      expect(await db.follow.count({ where: { followeeId: c.id } })).toBe(expected[i]);
    }
    for (const [i, f] of fans.entries()) {
      expect((await profileOf(f, f.username)).user.followingCount).toBe(i < 25 ? 1 : 2);
    }
  }, 240_000);
});

// Under 16 an account is private: an adult who is not followed back sees no bio, counts or
// posts, finds it neither in search nor in the feed, cannot open its posts or share them,
// and following it is a request it approves. Tried from the stranger's side over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { cid, closeDbs, serverDb } from "../helpers/chat";
import { createPosts } from "../helpers/posts";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
beforeAll(async () => {
  server = await startServer();
  db = serverDb(server);
});
afterAll(async () => {
  await closeDbs();
  await server?.stop();
});

const profileOf = async (viewer: TestUser, username: string) => (await viewer.api.get(`/api/users/${username}`)).body.profile;
const feedIds = async (viewer: TestUser) => ((await viewer.api.get("/api/posts?limit=50")).body.posts as { id: string }[]).map((p) => p.id);

async function kidWithPost() {
  const kid = await createUser(server.url, { age: 14 });
  await db.user.update({ where: { id: kid.id }, data: { bio: "my secret bio" } });
  const [postId] = await createPosts(db, kid.id, 1);
  return { kid, postId };
}

describe("private accounts (under 16)", () => {
  it("a stranger sees no bio, counts or posts, and the kid's post is not in their feed, nor openable, nor shareable", async () => {
    const { kid, postId } = await kidWithPost();
    const stranger = await createUser(server.url, { age: 35 });
    const friendOfStranger = await createUser(server.url, { age: 35 });

    const profile = await profileOf(stranger, kid.username);
    expect(profile.user).toMatchObject({ id: kid.id, private: true, bio: "", followerCount: null, followingCount: null });
    expect(profile.posts).toEqual([]);
    expect(await feedIds(stranger)).not.toContain(postId);
    expect((await stranger.api.get(`/api/posts/${postId}`)).status).toBe(404);

    // Sharing it on, by the share sheet or as a message body: the same 404 as for no post.
    const shared = await stranger.api.post(`/api/posts/${postId}/share`, { recipients: [{ userId: friendOfStranger.id }] });
    expect(shared.status, JSON.stringify(shared.body)).toBe(404);
    const asMessage = await stranger.api.post("/api/conversations", { kind: "direct", userId: friendOfStranger.id, message: { clientId: cid(), sharedPostId: postId } });
    expect(asMessage.status).toBe(404);
    expect(await db.message.count({ where: { sharedPostId: postId } })).toBe(0);

    // The kid sees everything of their own.
    const own = await profileOf(kid, kid.username);
    expect(own.user).toMatchObject({ private: true, bio: "my secret bio", followerCount: 0 });
    expect(own.posts.map((p: { id: string }) => p.id)).toEqual([postId]);
  });

  it("following is a request the kid approves or declines; only a mutual follow opens the profile", async () => {
    const { kid, postId } = await kidWithPost();
    const adult = await createUser(server.url, { age: 35 });
    const other = await createUser(server.url, { age: 35 });

    // Asking twice is asking once; nothing is followed and no count changes.
    for (let i = 0; i < 2; i++) {
      expect((await adult.api.post(`/api/users/${kid.id}/follow`)).body).toEqual({ following: false, requested: true, followerCount: null });
    }
    expect(await db.follow.count({ where: { followeeId: kid.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: kid.id } })).followerCount).toBe(0);
    expect((await profileOf(adult, kid.username)).relation).toMatchObject({ following: false, requested: true });

    // Only the kid answers their requests: another account approving one is a 404.
    expect((await other.api.post(`/api/me/follow-requests/${adult.id}`)).status).toBe(404);
    expect(await db.follow.count({ where: { followeeId: kid.id } })).toBe(0);

    const requests = (await kid.api.get("/api/me/follow-requests")).body.requests;
    expect(requests).toEqual([{ user: { id: adult.id, username: adult.username, displayName: expect.any(String), avatarUrl: null }, createdAt: expect.any(String) }]);
    expect((await kid.api.post(`/api/me/follow-requests/${adult.id}`)).body).toEqual({ approved: true });
    expect((await kid.api.post(`/api/me/follow-requests/${adult.id}`)).status).toBe(404); // nothing left to approve
    expect((await kid.api.get("/api/me/follow-requests")).body.requests).toEqual([]);

    // Approved: the adult follows, but still sees nothing until the kid follows back.
    let seen = await profileOf(adult, kid.username);
    expect(seen.relation).toMatchObject({ following: true, requested: false });
    expect(seen.user).toMatchObject({ bio: "", followerCount: null });
    expect(await feedIds(adult)).not.toContain(postId);

    expect((await kid.api.post(`/api/users/${adult.id}/follow`)).body).toMatchObject({ following: true });
    seen = await profileOf(adult, kid.username);
    expect(seen.user).toMatchObject({ bio: "my secret bio", followerCount: 1, followingCount: 1 });
    expect(seen.posts.map((p: { id: string }) => p.id)).toEqual([postId]);
    expect(await feedIds(adult)).toContain(postId);
    expect((await adult.api.get(`/api/posts/${postId}`)).status).toBe(200);
    // Still not shareable on: the kid's posts stay with the people it follows back.
    expect((await adult.api.post("/api/conversations", { kind: "direct", userId: other.id, message: { clientId: cid(), sharedPostId: postId } })).status).toBe(404);
  });

  it("a declined or withdrawn request leaves nothing behind", async () => {
    const { kid } = await kidWithPost();
    const adult = await createUser(server.url, { age: 35 });
    await adult.api.post(`/api/users/${kid.id}/follow`);
    expect((await kid.api.delete(`/api/me/follow-requests/${adult.id}`)).body).toEqual({ declined: true });
    expect(await db.followRequest.count({ where: { targetId: kid.id } })).toBe(0);
    expect((await profileOf(adult, kid.username)).relation).toMatchObject({ following: false, requested: false });

    await adult.api.post(`/api/users/${kid.id}/follow`);
    expect((await adult.api.delete(`/api/users/${kid.id}/follow`)).body).toEqual({ following: false, requested: false, followerCount: null });
    expect(await db.followRequest.count({ where: { targetId: kid.id } })).toBe(0);
    expect(await db.follow.count({ where: { followeeId: kid.id } })).toBe(0);
  });

  it("never appears in people search, even for an exact username", async () => {
    const { kid } = await kidWithPost();
    const adult = await createUser(server.url, { age: 35 });
    const found = (await adult.api.get(`/api/users?query=${kid.username}`)).body.users as { id: string }[];
    expect(found.map((u) => u.id)).not.toContain(kid.id);
  });

  it("a 16-year-old's account is public: followed at once, its profile open", async () => {
    const teen = await createUser(server.url, { age: 16 });
    const adult = await createUser(server.url, { age: 35 });
    expect((await adult.api.post(`/api/users/${teen.id}/follow`)).body).toEqual({ following: true, requested: false, followerCount: 1 });
    expect((await profileOf(adult, teen.username)).user).toMatchObject({ private: false, followerCount: 1 });
  });
});

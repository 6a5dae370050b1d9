// The feed and a post, through HTTP on a real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { createUser, type ApiResponse, type TestUser } from "../helpers/api";
import { createPosts } from "../helpers/posts";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let creator: TestUser;
const postIds: string[] = [];
beforeAll(async () => {
  server = await startServer();
  db = createDb(server.database.url);
  creator = await createUser(server.url, { age: 27 });
  postIds.push(...(await createPosts(db, creator.id, 5)));
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

describe("GET /api/posts and /api/posts/:id", () => {
  it("pages through the feed newest first, each post once", async () => {
    const viewer = await createUser(server.url);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse = await viewer.api.get(`/api/posts?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.posts.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.posts.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...postIds].reverse());
  });

  it("a post has its media, caption and creator", async () => {
    const viewer = await createUser(server.url);
    const res = await viewer.api.get(`/api/posts/${postIds[1]}`);
    expect(res.status).toBe(200);
    expect(res.body.post).toMatchObject({ id: postIds[1], kind: "video", title: "Post 1", mediaUrl: "/m/1", thumbnailUrl: "/t/1", creator: { id: creator.id, username: creator.username } });
    expect((await viewer.api.get("/api/posts/nope")).status).toBe(404);
  });

  it("bad paging input is VALIDATION_FAILED", async () => {
    const viewer = await createUser(server.url);
    for (const q of ["limit=0", "limit=51", "limit=x", "cursor=garbage"]) {
      const res = await viewer.api.get(`/api/posts?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe("VALIDATION_FAILED");
    }
  });

  it("a creator who blocked the viewer is left out of the feed", async () => {
    const viewer = await createUser(server.url);
    await db.userBlock.create({ data: { blockerId: creator.id, blockedId: viewer.id } });
    expect((await viewer.api.get("/api/posts")).body.posts).toEqual([]);
  });
});

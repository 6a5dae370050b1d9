// Profile, feed and people-search reads for a creator with 10,000 followers, and a burst
// of follows: the counter is read from the user row, never counted over Follow.
import { createDb } from "@/db/client";
import { ROOMS } from "@/shared/limits";
import { createUser } from "../tests/helpers/api";
import type { TestServer } from "../tests/helpers/server";
import { summarize } from "./lib/stats";

const FOLLOWERS = ROOMS.creatorMinFollowers;

async function timed(label: string, concurrency: number, ms: number, call: () => Promise<{ status: number }>) {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < started + ms) {
        const t = performance.now();
        const res = await call();
        if (res.status !== 200) throw new Error(`${label} answered ${res.status}`);
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarize(label, samples, performance.now() - started);
}

export async function benchPlatform(server: TestServer) {
  const creator = await createUser(server.url, { username: "benchcreator" });
  const viewer = await createUser(server.url);
  const db = createDb(server.database.url);
  try {
    const fans = Array.from({ length: FOLLOWERS }, (_, i) => ({ id: `benchfan${i}`, username: `benchfan${i}`, displayName: `Fan ${i}`, passwordHash: "!", birthDate: "2000-01-01" }));
    for (let i = 0; i < fans.length; i += 2000) await db.user.createMany({ data: fans.slice(i, i + 2000) });
    for (let i = 0; i < fans.length; i += 2000) {
      await db.follow.createMany({ data: fans.slice(i, i + 2000).map((f) => ({ followerId: f.id, followeeId: creator.id })) });
    }
    await db.user.update({ where: { id: creator.id }, data: { followerCount: FOLLOWERS } });
    await db.post.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ creatorId: creator.id, kind: "image", title: `Post ${i}`, mediaUrl: "/demo/posts/aurora.svg", thumbnailUrl: "/demo/posts/aurora.svg" })),
    });
  } finally {
    await db.$disconnect();
  }

  const rows = [
    await timed("GET /api/users/:username (10,000 followers, 10 concurrent)", 10, 4000, () => viewer.api.get("/api/users/benchcreator")),
    await timed("GET /api/posts (feed page, 10 concurrent)", 10, 4000, () => viewer.api.get("/api/posts")),
    await timed("GET /api/users?query= (10,000 matches, 10 concurrent)", 10, 4000, () => viewer.api.get("/api/users?query=benchfan1")),
  ];
  const follows: number[] = [];
  const followers = await Promise.all(Array.from({ length: 50 }, () => createUser(server.url)));
  const burstStart = performance.now();
  await Promise.all(
    followers.map(async (f) => {
      const t = performance.now();
      const res = await f.api.post(`/api/users/${creator.id}/follow`);
      if (res.status !== 200) throw new Error(`follow answered ${res.status}`);
      follows.push(performance.now() - t);
    }),
  );
  rows.push(summarize("POST /api/users/:id/follow (50 at once)", follows, performance.now() - burstStart));
  return rows;
}

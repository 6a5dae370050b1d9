import type { Db } from "@/db/client";

/**
 * Posts have no API to create them (they are the platform's own content): written
 * straight into the test server's database, one second apart, oldest first.
 */
export async function createPosts(db: Db, creatorId: string, count: number): Promise<string[]> {
  const base = Date.now() - 100_000;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const post = await db.post.create({
      data: { creatorId, kind: i % 2 ? "video" : "image", title: `Post ${i}`, mediaUrl: `/m/${i}`, thumbnailUrl: `/t/${i}`, createdAt: new Date(base + i * 1000) },
    });
    ids.push(post.id);
  }
  return ids;
}

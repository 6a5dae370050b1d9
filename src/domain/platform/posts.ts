// The platform's posts: the feed (newest first, cursor-paginated), one post, a creator's posts.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { PLATFORM } from "@/shared/limits";
import { hiddenFrom, personSelect, type PersonView } from "./people";
import { visiblePostsFilter } from "./privacy";

export interface PostView {
  id: string;
  kind: "video" | "image";
  title: string;
  caption: string;
  mediaUrl: string;
  thumbnailUrl: string;
  durationMs: number | null;
  createdAt: string;
  creator: PersonView;
}

const postInclude = { creator: { select: personSelect } } as const;

type PostRow = {
  id: string;
  kind: string;
  title: string;
  caption: string;
  mediaUrl: string;
  thumbnailUrl: string;
  durationMs: number | null;
  createdAt: Date;
  creator: PersonView;
};

export const toPostView = (p: PostRow): PostView => ({
  id: p.id,
  kind: p.kind === "video" ? "video" : "image",
  title: p.title,
  caption: p.caption,
  mediaUrl: p.mediaUrl,
  thumbnailUrl: p.thumbnailUrl,
  durationMs: p.durationMs,
  createdAt: p.createdAt.toISOString(),
  creator: p.creator,
});

// A cursor is the last post's (createdAt, id): stable while new posts arrive on top.
const encodeCursor = (p: { createdAt: Date; id: string }) => Buffer.from(`${p.createdAt.toISOString()}|${p.id}`).toString("base64url");
function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** Newest first; creators a block stands between are left out, and private accounts that do not follow the viewer back. */
export async function feed(db: Db, viewerId: string, options: { cursor?: string; limit?: number } = {}): Promise<{ posts: PostView[]; nextCursor: string | null }> {
  const limit = Math.min(options.limit ?? PLATFORM.feedPageDefault, PLATFORM.feedPageMax);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  if (options.cursor && !after) throw new DomainError("VALIDATION_FAILED", "cursor: not one this API gave out");
  const [hidden, visible] = await Promise.all([hiddenFrom(db, viewerId), visiblePostsFilter(db, viewerId)]);
  const rows = await db.post.findMany({
    where: {
      creatorId: { notIn: hidden },
      ...visible,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    include: postInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { posts: page.map(toPostView), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}

/** One post; a private account's is NOT_FOUND to anyone it does not follow back. */
export async function getPost(db: Db, viewerId: string, postId: string): Promise<PostView> {
  const row = await db.post.findFirst({ where: { id: postId, ...(await visiblePostsFilter(db, viewerId)) }, include: postInclude });
  if (!row) throw notFound("No such post");
  return toPostView(row);
}

export async function postsBy(db: Db, creatorId: string): Promise<PostView[]> {
  const rows = await db.post.findMany({ where: { creatorId }, include: postInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: PLATFORM.profilePosts });
  return rows.map(toPostView);
}

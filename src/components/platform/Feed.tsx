"use client";
// The feed: the first page comes rendered from the server, more on demand.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PostView } from "@/domain/platform/posts";
import { callApi } from "./api";
import { PostCard } from "./PostCard";

export function Feed({ initial, canShare = true }: { initial: { posts: PostView[]; nextCursor: string | null }; canShare?: boolean }) {
  const t = useTranslations("platform");
  const [posts, setPosts] = useState(initial.posts);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [busy, setBusy] = useState(false);

  async function loadMore() {
    if (!cursor) return;
    setBusy(true);
    const res = await callApi<{ posts: PostView[]; nextCursor: string | null }>("GET", `/api/posts?cursor=${encodeURIComponent(cursor)}`);
    setBusy(false);
    if (!res.ok) return;
    setPosts((p) => [...p, ...res.body.posts]);
    setCursor(res.body.nextCursor);
  }

  if (posts.length === 0) return <p className="muted">{t("noPosts")}</p>;
  return (
    <>
      <div className="post-grid" data-testid="feed">
        {posts.map((p) => (
          <PostCard key={p.id} post={p} canShare={canShare} />
        ))}
      </div>
      {cursor && (
        <button type="button" className="button block" onClick={loadMore} disabled={busy}>
          {t("loadMore")}
        </button>
      )}
    </>
  );
}

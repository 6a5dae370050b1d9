import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { Avatar } from "@/components/platform/Avatar";
import { ShareButton } from "@/components/platform/ShareButton";
import "@/components/platform/platform.css";
import { db } from "@/db/client";
import { isDomainError } from "@/domain/errors";
import { getPost } from "@/domain/platform/posts";
import { requireViewer } from "../../_lib/require-viewer";

export default async function PostPage({ params }: { params: Promise<{ postId: string }> }) {
  const viewer = await requireViewer();
  const { postId } = await params;
  const t = await getTranslations("platform");
  const format = await getFormatter();
  const post = await getPost(db(), viewer.id, postId).catch((e) => {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <AppShell viewer={viewer}>
      <article className="platform-page post-page" data-testid="post-page" aria-labelledby="post-title">
        <div className="post-media">
          {post.kind === "video" ? (
            <video src={post.mediaUrl} poster={post.thumbnailUrl} controls autoPlay muted loop playsInline preload="metadata" aria-label={post.title} data-testid="post-video" />
          ) : (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={post.mediaUrl} alt={post.title} data-testid="post-image" />
          )}
        </div>
        <div className="post-info">
          <h1 id="post-title" className="post-title">
            {post.title}
          </h1>
          {post.caption && <p>{post.caption}</p>}
          <Link href={`/u/${post.creator.username}`} className="person-row" data-testid="post-creator">
            <Avatar name={post.creator.displayName} url={post.creator.avatarUrl} />
            <span className="person-names">
              <strong>{post.creator.displayName}</strong>
              <span className="muted small">@{post.creator.username}</span>
            </span>
          </Link>
          <p className="muted small">{t("postedOn", { date: format.dateTime(new Date(post.createdAt), { dateStyle: "medium" }) })}</p>
          {viewer.canUseDMs && <ShareButton post={{ id: post.id, title: post.title }} />}
        </div>
      </article>
    </AppShell>
  );
}

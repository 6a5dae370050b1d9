// A post in the feed or on a profile: its picture (a video's poster frame), title,
// creator, and a Share button.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PostView } from "@/domain/platform/posts";
import { ShareButton } from "./ShareButton";
import { Icon } from "@/components/icons";

/** `canShare`: false under 16 (sharing sends a DM, which the server refuses them). */
export function PostCard({ post, showCreator = true, canShare = true }: { post: PostView; showCreator?: boolean; canShare?: boolean }) {
  const t = useTranslations("platform");
  return (
    <article className="feed-post" data-testid="feed-post" aria-labelledby={`post-${post.id}-title`}>
      {/* The picture is a second way in for a pointer; keyboards and screen readers take the title link. */}
      <Link href={`/p/${post.id}`} className="feed-post-media" tabIndex={-1} aria-hidden="true">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={post.thumbnailUrl} alt="" loading="lazy" />
        {post.kind === "video" && (
          <span className="post-kind">
            <Icon name="play" size={14} />
          </span>
        )}
      </Link>
      <div className="feed-post-body">
        <h3 id={`post-${post.id}-title`} className="feed-post-title">
          <Link href={`/p/${post.id}`}>
            {post.title}
            {post.kind === "video" && <span className="visually-hidden">, {t("videoPost")}</span>}
          </Link>
        </h3>
        {showCreator && (
          <Link href={`/u/${post.creator.username}`} className="muted small">
            @{post.creator.username}
          </Link>
        )}
        {canShare && <ShareButton post={{ id: post.id, title: post.title }} compact />}
      </div>
    </article>
  );
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MessageView } from "@/client/chat/types";

/** A shared post: thumbnail, title and creator; opens the post. */
export function PostCard({ post }: { post: MessageView["post"] }) {
  const t = useTranslations("chat");
  if (!post) return <p className="post-card post-card-gone">{t("postRemoved")}</p>;
  return (
    <Link href={`/p/${post.id}`} className="post-card" aria-label={t("openPost", { title: post.title })} data-testid="post-card">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={post.thumbnailUrl} alt="" className="post-card-thumb" width={72} height={96} loading="lazy" />
      <span className="post-card-body">
        <span className="post-card-title">{post.title}</span>
        <span className="post-card-creator">{t("postBy", { name: post.creator.displayName })}</span>
      </span>
    </Link>
  );
}

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { PostCard } from "@/components/platform/PostCard";
import { ProfileHeader } from "@/components/platform/ProfileHeader";
import "@/components/platform/platform.css";
import { db } from "@/db/client";
import { isDomainError } from "@/domain/errors";
import { getProfile } from "@/domain/platform/profile";
import { requireViewer } from "../../_lib/require-viewer";

export default async function ProfilePage({ params }: { params: Promise<{ username: string }> }) {
  const viewer = await requireViewer();
  const { username } = await params;
  const t = await getTranslations("platform");
  const profile = await getProfile(db(), viewer.id, decodeURIComponent(username)).catch((e) => {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <AppShell viewer={viewer}>
      <div className="platform-page" data-testid="profile" aria-label={t("profileOf", { name: profile.user.displayName })}>
        <ProfileHeader profile={profile} />
        {profile.posts.length > 0 && (
          <section aria-labelledby="profile-posts">
            <h2 id="profile-posts" className="section-title">
              {t("postsLabel")}
            </h2>
            <div className="post-grid">
              {profile.posts.map((p) => (
                <PostCard key={p.id} post={p} showCreator={false} />
              ))}
            </div>
          </section>
        )}
      </div>
    </AppShell>
  );
}

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { PostCard } from "@/components/platform/PostCard";
import { ProfileHeader } from "@/components/platform/ProfileHeader";
import "@/components/platform/platform.css";
import { JoinButton } from "@/components/rooms/JoinButton";
import { RoomCard } from "@/components/rooms/RoomCard";
import "@/components/rooms/rooms.css";
import { db } from "@/db/client";
import { isDomainError } from "@/domain/errors";
import { getProfile } from "@/domain/platform/profile";
import { listJoinableRooms } from "@/domain/rooms/rooms";
import { requireViewer } from "../../_lib/require-viewer";

export default async function ProfilePage({ params }: { params: Promise<{ username: string }> }) {
  const viewer = await requireViewer();
  const { username } = await params;
  const t = await getTranslations("platform");
  const profile = await getProfile(db(), viewer.id, decodeURIComponent(username)).catch((e) => {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  // A creator's rooms this viewer may join (subscriber or fan, not banned, not in them yet).
  const joinable = profile.creator && profile.user.id !== viewer.id ? await listJoinableRooms(db(), viewer.id, { creatorId: profile.user.id }) : [];
  return (
    <AppShell viewer={viewer}>
      <section className="platform-page" data-testid="profile" aria-label={t("profileOf", { name: profile.user.displayName })}>
        <ProfileHeader profile={profile} />
        {joinable.length > 0 && (
          <section aria-labelledby="profile-rooms">
            <h2 id="profile-rooms" className="section-title">
              {t("joinableRoomsLabel")}
            </h2>
            <ul className="room-list" data-testid="profile-joinable-rooms">
              {joinable.map((r) => (
                <RoomCard key={r.id} room={r} action={<JoinButton roomId={r.id} className="button" />} />
              ))}
            </ul>
          </section>
        )}
        {profile.posts.length > 0 && (
          <section aria-labelledby="profile-posts">
            <h2 id="profile-posts" className="section-title">
              {t("postsLabel")}
            </h2>
            <div className="post-grid">
              {profile.posts.map((p) => (
                <PostCard key={p.id} post={p} showCreator={false} canShare={viewer.canUseDMs} />
              ))}
            </div>
          </section>
        )}
      </section>
    </AppShell>
  );
}

"use client";
// The top of a profile: picture, names, bio, counters and the actions.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { Profile } from "@/domain/platform/profile";
import { Avatar } from "./Avatar";
import { ProfileActions } from "./ProfileActions";

export function ProfileHeader({ profile }: { profile: Profile }) {
  const t = useTranslations("platform");
  const format = useFormatter();
  const [followerCount, setFollowerCount] = useState(profile.user.followerCount);
  const { user } = profile;
  return (
    <header className="profile-header">
      <Avatar name={user.displayName} url={user.avatarUrl} size={88} />
      <h1 className="profile-name">
        {user.displayName}
        {profile.creator && <span className="profile-badge">{t("creatorBadge")}</span>}
      </h1>
      <p className="muted">
        @{user.username}
        {profile.relation.followedBy && !profile.relation.self && <span className="profile-badge subtle">{t("followsYou")}</span>}
      </p>
      <dl className="profile-counts">
        <div>
          <dt>{t("followingLabel")}</dt>
          <dd>{format.number(user.followingCount)}</dd>
        </div>
        <div>
          <dt>{t("followerLabel")}</dt>
          <dd data-testid="follower-count" data-count={followerCount}>
            {format.number(followerCount)}
          </dd>
        </div>
        <div>
          <dt>{t("postsLabel")}</dt>
          <dd>{format.number(profile.posts.length)}</dd>
        </div>
      </dl>
      {user.bio && <p className="profile-bio">{user.bio}</p>}
      <ProfileActions profile={profile} onFollowerCount={setFollowerCount} />
    </header>
  );
}

"use client";
// The top of a profile: picture, names, bio, counters and the actions.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { Profile } from "@/domain/platform/profile";
import { Avatar } from "./Avatar";
import { FollowRequests } from "./FollowRequests";
import { ProfileActions } from "./ProfileActions";
import { BotBadge } from "./BotBadge";

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
        {user.isBot && <BotBadge />}
        {profile.creator && <span className="profile-badge">{t("creatorBadge")}</span>}
      </h1>
      <p className="muted">
        @{user.username}
        {profile.relation.followedBy && !profile.relation.self && <span className="profile-badge subtle">{t("followsYou")}</span>}
      </p>
      {followerCount === null || user.followingCount === null ? (
        <div className="profile-private" data-testid="profile-private">
          <LockIcon />
          <div>
            <p className="profile-private-title">{t("privateAccount")}</p>
            <p className="muted">{t("privateAccountHint")}</p>
          </div>
        </div>
      ) : (
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
      )}
      {user.bio && <p className="profile-bio">{user.bio}</p>}
      <ProfileActions profile={profile} onFollowerCount={setFollowerCount} />
      {profile.relation.self && user.private && (
        <>
          <p className="muted profile-private-note">{t("yourAccountIsPrivate")}</p>
          <FollowRequests />
        </>
      )}
    </header>
  );
}

function LockIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

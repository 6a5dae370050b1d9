"use client";
// One's own name, bio and picture. A chosen picture is uploaded (and screened) at once,
// shown as a preview, and put on the profile with Save (PATCH /api/me/profile).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useAnnounce } from "@/components/a11y/LiveAnnouncer";
import { callApi } from "@/components/platform/api";
import type { OwnProfile } from "@/domain/accounts/profile";
import { ACCOUNT, AVATAR } from "@/shared/limits";
import "./settings.css";

type Status = "idle" | "uploading" | "saving" | "saved" | "error";

export function ProfileEditor({ initial }: { initial: OwnProfile }) {
  const t = useTranslations("settings");
  const router = useRouter();
  const announce = useAnnounce();
  const [saved, setSaved] = useState(initial);
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [bio, setBio] = useState(initial.bio);
  // undefined: unchanged; null: removed; a string: a new upload's id.
  const [avatar, setAvatar] = useState<{ id: string | null; url: string | null } | undefined>(undefined);
  const [status, setStatus] = useState<Status>("idle");
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const bioHint = useId();
  const pictureHint = useId();
  const avatarUrl = avatar === undefined ? saved.avatarUrl : avatar.url;

  function fail(message: string) {
    setStatus("error");
    setError(message);
    announce(message, "assertive");
  }

  async function upload(file: File) {
    setStatus("uploading");
    setError(null);
    const form = new FormData();
    form.append("file", file);
    const res = await fetch("/api/me/avatar", { method: "POST", body: form }).catch(() => null);
    const body = await res?.json().catch(() => null);
    if (fileInput.current) fileInput.current.value = "";
    if (!res?.ok) return fail(body?.error?.message ?? t("saveFailed"));
    setAvatar({ id: body.avatar.id, url: body.avatar.url });
    setStatus("idle");
    announce(t("pictureReady"));
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const patch: Record<string, unknown> = {};
    if (displayName.trim() !== saved.displayName) patch.displayName = displayName;
    if (bio.trim() !== saved.bio) patch.bio = bio;
    if (avatar !== undefined && avatar.url !== saved.avatarUrl) patch.avatarId = avatar.id;
    if (!Object.keys(patch).length) {
      setStatus("saved");
      return announce(t("saved"));
    }
    setStatus("saving");
    setError(null);
    const res = await callApi<{ profile: OwnProfile }>("PATCH", "/api/me/profile", patch);
    if (!res.ok) return fail(res.error.message);
    setSaved(res.body.profile);
    setDisplayName(res.body.profile.displayName);
    setBio(res.body.profile.bio);
    setAvatar(undefined);
    setStatus("saved");
    announce(t("profileSaved"));
    router.refresh(); // the top bar shows the new name
  }

  const busy = status === "uploading" || status === "saving";
  return (
    <form className="settings-section form profile-form" onSubmit={save} noValidate data-testid="profile-form">
      <div className="profile-picture-row">
        {avatarUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img className="avatar profile-picture" src={avatarUrl} alt={t("pictureAlt")} width={96} height={96} data-testid="avatar-preview" />
        ) : (
          <span className="avatar profile-picture" aria-hidden="true">
            {displayName.trim().charAt(0).toUpperCase() || "?"}
          </span>
        )}
        <div className="profile-picture-actions">
          <label className="button">
            {t("choosePicture")}
            <input
              ref={fileInput}
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif"
              className="visually-hidden"
              aria-describedby={pictureHint}
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
              data-testid="avatar-input"
            />
          </label>
          {avatarUrl && (
            <button type="button" className="button" disabled={busy} onClick={() => setAvatar({ id: null, url: null })} data-testid="avatar-remove">
              {t("removePicture")}
            </button>
          )}
          <span id={pictureHint} className="muted small">
            {status === "uploading" ? t("pictureChecking") : t("pictureHint", { max: Math.round(AVATAR.maxBytes / (1024 * 1024)) })}
          </span>
        </div>
      </div>
      <label>
        {t("displayName")}
        <input name="displayName" value={displayName} required maxLength={ACCOUNT.displayNameMax} onChange={(e) => setDisplayName(e.target.value)} autoComplete="nickname" />
      </label>
      <label>
        {t("bio")}
        <textarea name="bio" value={bio} maxLength={ACCOUNT.bioMax} rows={3} onChange={(e) => setBio(e.target.value)} aria-describedby={bioHint} />
        <span id={bioHint} className="muted small">
          {t("bioHint", { count: bio.length, max: ACCOUNT.bioMax })}
        </span>
      </label>
      <div className="profile-form-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="profile-save">
          {status === "saving" ? t("saving") : t("saveProfile")}
        </button>
        <Link href={`/u/${encodeURIComponent(saved.username)}`} className="button">
          {t("viewProfile")}
        </Link>
      </div>
      <p className="settings-status" role="status" data-testid="profile-status" data-state={status}>
        {status === "saved" ? t("profileSaved") : status === "error" ? <span className="form-error">{error}</span> : null}
      </p>
    </form>
  );
}

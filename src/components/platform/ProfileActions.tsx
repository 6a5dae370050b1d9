"use client";
// Follow / Unfollow, Message, Subscribe and Join Fan Club on a profile. Each button
// shows the server's answer (counts included), not a guess.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useConfirm } from "@/components/a11y/ConfirmDialog";
import { ReportDialog } from "@/components/safety/ReportDialog";
import type { Profile } from "@/domain/platform/profile";
import { callApi } from "./api";
import { Icon } from "@/components/icons";

type Toggle = "follow" | "subscription" | "fanclub";

export function ProfileActions({ profile, onFollowerCount }: { profile: Profile; onFollowerCount: (count: number | null) => void }) {
  const t = useTranslations("platform");
  const [relation, setRelation] = useState(profile.relation);
  const [busy, setBusy] = useState<Toggle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [reporting, setReporting] = useState(false);
  const moreButton = useRef<HTMLButtonElement>(null);
  const confirm = useConfirm();
  const id = profile.user.id;
  const name = profile.user.displayName;

  async function setBlocked(blocked: boolean) {
    setError(null);
    const res = await callApi<{ blocked: boolean }>(blocked ? "POST" : "DELETE", `/api/users/${id}/block`);
    if (!res.ok) return setError(t("actionFailed", { message: res.error.message }));
    setRelation((r) => ({ ...r, blocked: res.body.blocked, canMessage: res.body.blocked ? false : r.canMessage }));
  }

  async function toggle(kind: Toggle) {
    setBusy(kind);
    setError(null);
    // A pending request is withdrawn like a follow is undone.
    const on = kind === "follow" ? relation.following || relation.requested : kind === "subscription" ? relation.subscribed : relation.fan;
    const path = kind === "follow" ? `/api/users/${id}/follow` : `/api/creators/${id}/${kind}`;
    const res = await callApi<{ following?: boolean; requested?: boolean; followerCount?: number | null; subscribed?: boolean; fan?: boolean }>(on ? "DELETE" : "POST", path);
    setBusy(null);
    if (!res.ok) {
      setError(t("actionFailed", { message: res.error.message }));
      return;
    }
    const b = res.body;
    setRelation((r) => ({ ...r, following: b.following ?? r.following, requested: b.requested ?? r.requested, subscribed: b.subscribed ?? r.subscribed, fan: b.fan ?? r.fan }));
    if (b.followerCount !== undefined) onFollowerCount(b.followerCount);
  }

  if (relation.self) {
    return (
      <div className="profile-actions">
        <Link href="/settings/profile" className="button primary" data-testid="edit-profile-link">
          {t("editProfile")}
        </Link>
        <Link href="/settings/creator" className="button">
          {t("editCreatorSettings")}
        </Link>
      </div>
    );
  }
  return (
    <div className="profile-actions">
      {relation.blocked ? (
        <p className="muted">{t("youBlocked")}</p>
      ) : (
        <button
          type="button"
          className={relation.following || relation.requested ? "button" : "button primary"}
          onClick={() => toggle("follow")}
          disabled={busy === "follow"}
          aria-pressed={relation.following || relation.requested}
          data-testid="follow-button"
        >
          {relation.following ? t("unfollow") : relation.requested ? t("requested") : relation.followedBy ? t("followBack") : t("follow")}
        </button>
      )}
      {relation.canMessage && (
        <Link href={relation.conversationId ? `/inbox/${relation.conversationId}` : `/inbox/new?to=${id}`} className="button" data-testid="message-button">
          {t("message")}
        </Link>
      )}
      {(profile.creator?.subscriptionsEnabled || relation.subscribed) && (
        <button type="button" className="button" onClick={() => toggle("subscription")} disabled={busy === "subscription"} aria-pressed={relation.subscribed} data-testid="subscribe-button">
          {relation.subscribed ? (
            <>
              <Icon name="check" size={18} /> {t("subscribed")}
            </>
          ) : (
            t("subscribe")
          )}
        </button>
      )}
      {(profile.creator?.fanClubEnabled || relation.fan) && (
        <button type="button" className="button" onClick={() => toggle("fanclub")} disabled={busy === "fanclub"} aria-pressed={relation.fan} data-testid="fanclub-button">
          {relation.fan ? (
            <>
              <Icon name="check" size={18} /> {t("inFanClub")}
            </>
          ) : (
            t("joinFanClub")
          )}
        </button>
      )}
      <div className="profile-more">
        <button ref={moreButton} type="button" className="button" aria-expanded={menuOpen} aria-controls={`profile-menu-${id}`} onClick={() => setMenuOpen(!menuOpen)} data-testid="profile-more">
          {t("moreActions")}
        </button>
        {menuOpen && (
          <div
            id={`profile-menu-${id}`}
            className="profile-more-menu"
            role="group"
            aria-label={t("moreActions")}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              setMenuOpen(false);
              moreButton.current?.focus();
            }}
          >
            <button type="button" className="button" onClick={() => (setMenuOpen(false), setReporting(true))} data-testid="profile-report">
              {t("report")}
            </button>
            {relation.blocked ? (
              <button type="button" className="button" onClick={() => (setMenuOpen(false), void setBlocked(false))} data-testid="profile-unblock">
                {t("unblock")}
              </button>
            ) : (
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  setMenuOpen(false);
                  confirm.ask({ title: t("confirmBlock", { name }), confirmLabel: t("block"), danger: true, run: () => setBlocked(true) });
                }}
                data-testid="profile-block"
              >
                {t("block")}
              </button>
            )}
          </div>
        )}
      </div>
      {confirm.dialog}
      {reporting && <ReportDialog userId={id} name={name} open onClose={() => setReporting(false)} onBlocked={() => setRelation((r) => ({ ...r, blocked: true, canMessage: false }))} />}
      {error && (
        <p className="form-error" role="status" data-testid="profile-error">
          {error}
        </p>
      )}
    </div>
  );
}

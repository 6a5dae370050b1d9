"use client";
// The creator's switches, audience figures and chat-room eligibility with what is missing.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { CreatorDashboard } from "@/domain/platform/creators";
import type { CreatorSettingsInput } from "@/shared/schemas/platform";
import { callApi } from "./api";
import { Icon } from "@/components/icons";

export function CreatorSettings({ initial }: { initial: CreatorDashboard }) {
  const t = useTranslations("platform");
  const format = useFormatter();
  const [dashboard, setDashboard] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The switch moves at once; the server's answer (counts, eligibility) then replaces
  // the page's state, or the switch moves back with the reason.
  async function save(change: CreatorSettingsInput) {
    const before = dashboard;
    setDashboard({ ...before, settings: { ...before.settings, ...change } });
    setBusy(true);
    setError(null);
    const res = await callApi<CreatorDashboard>("PATCH", "/api/me/creator", change);
    setBusy(false);
    if (res.ok) {
      setDashboard(res.body);
    } else {
      setDashboard(before);
      setError(t("actionFailed", { message: res.error.message }));
    }
  }

  const { settings, counts, roomEligibility: rooms } = dashboard;
  return (
    <div className="creator-settings">
      <section className="card" aria-labelledby="offers-title">
        <h2 id="offers-title" className="section-title">
          {t("creatorSettingsTitle")}
        </h2>
        <p className="muted">{t("creatorSettingsIntro")}</p>
        <label className="switch-row">
          <span>
            <strong>{t("subscriptionsSwitch")}</strong>
            <span className="muted small">{t("subscriptionsHint")}</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={settings.subscriptionsEnabled}
            aria-checked={settings.subscriptionsEnabled}
            disabled={busy}
            onChange={(e) => save({ subscriptionsEnabled: e.target.checked })}
            data-testid="subscriptions-switch"
          />
        </label>
        <label className="switch-row">
          <span>
            <strong>{t("fanClubSwitch")}</strong>
            <span className="muted small">{t("fanClubHint")}</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={settings.fanClubEnabled}
            aria-checked={settings.fanClubEnabled}
            disabled={busy}
            onChange={(e) => save({ fanClubEnabled: e.target.checked })}
            data-testid="fanclub-switch"
          />
        </label>
        <p className="muted small" aria-live="polite">
          {busy ? t("saving") : null}
        </p>
        {error && (
          <p className="form-error" role="status">
            {error}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title" className="section-title">
          {t("countsTitle")}
        </h2>
        <dl className="profile-counts">
          <div>
            <dt>{t("followerLabel")}</dt>
            <dd data-testid="creator-followers">{format.number(counts.followers)}</dd>
          </div>
          <div>
            <dt>{t("subscriberCount")}</dt>
            <dd data-testid="creator-subscribers">{format.number(counts.subscribers)}</dd>
          </div>
          <div>
            <dt>{t("fanClubCount")}</dt>
            <dd data-testid="creator-fans">{format.number(counts.fanClubMembers)}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="rooms-title" data-testid="room-eligibility" data-eligible={rooms.eligible}>
        <h2 id="rooms-title" className="section-title">
          {t("roomsTitle")}
        </h2>
        {rooms.eligible ? (
          <>
            <p>
              <Icon name="check" size={18} /> {t("roomsEligible")}
            </p>
            <Link href="/rooms" className="button primary">
              {t("openRooms")}
            </Link>
          </>
        ) : (
          <>
            <p>{t("roomsNotEligible")}</p>
            <ul className="reasons">
              {rooms.reasons.map((r) => (
                <li key={r} data-testid={`reason-${r}`}>
                  {t(`reason_${r}`, { age: rooms.age, followerCount: rooms.followerCount, requiredAge: rooms.requiredAge, requiredFollowers: rooms.requiredFollowers })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

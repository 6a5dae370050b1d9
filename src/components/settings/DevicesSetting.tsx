"use client";
// The devices logged in to this account (sessions): log one out, or all of them.
import { signOut } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { callApi } from "@/components/platform/api";
import type { SessionView } from "@/domain/accounts/sessions";
import { useApiList } from "@/components/platform/useApiList";

export function DevicesSetting() {
  const t = useTranslations("settings");
  const format = useFormatter();

  const { items: sessions, error, setError, reload: load } = useApiList<SessionView>("/api/me/sessions", "sessions");

  async function logOut(session: SessionView) {
    const res = await callApi("DELETE", `/api/me/sessions/${encodeURIComponent(session.id)}`);
    if (!res.ok) return setError(res.error.message);
    if (session.current) return void signOut({ callbackUrl: "/login" });
    await load();
  }

  async function logOutEverywhere() {
    const res = await callApi("DELETE", "/api/me/sessions");
    if (!res.ok) return setError(res.error.message);
    void signOut({ callbackUrl: "/login" });
  }

  return (
    <section className="settings-section" aria-labelledby="settings-devices" data-testid="devices">
      <h2 id="settings-devices">{t("devices")}</h2>
      <p className="muted small">{t("devicesHint")}</p>
      <ul className="device-list">
        {sessions?.map((s) => (
          <li key={s.id} className="device" data-testid="device" data-current={s.current}>
            <span className="device-name">
              <strong>{s.label}</strong>
              {s.current && <span className="profile-badge subtle">{t("thisDevice")}</span>}
              <span className="muted small">{t("lastActive", { when: format.relativeTime(new Date(s.lastSeenAt), Date.now()) })}</span>
            </span>
            <button type="button" className="button" onClick={() => void logOut(s)}>
              {t("logOutDevice")}
            </button>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="button" onClick={() => void logOutEverywhere()} data-testid="log-out-everywhere">
          {t("logOutEverywhere")}
        </button>
      </div>
      {error && (
        <p className="form-error" role="status">
          {error}
        </p>
      )}
    </section>
  );
}

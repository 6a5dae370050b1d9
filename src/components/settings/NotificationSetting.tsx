"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { enableNotifications, notificationPermission, notificationsEnabled, setNotificationsEnabled, type PermissionState } from "@/client/notifications/preference";

/** Turning notifications on asks the browser's permission (it must come from a click). */
export function NotificationSetting() {
  const t = useTranslations("settings");
  // Known only in the browser: render nothing specific until mounted.
  const [state, setState] = useState<{ permission: PermissionState; on: boolean } | null>(null);
  useEffect(() => setState({ permission: notificationPermission(), on: notificationsEnabled() }), []);

  async function turnOn() {
    const permission = await enableNotifications();
    setState({ permission, on: permission === "granted" });
  }
  function turnOff() {
    setNotificationsEnabled(false);
    setState((s) => s && { ...s, on: false });
  }

  const message = !state
    ? null
    : state.permission === "unsupported"
      ? t("notificationsUnsupported")
      : state.permission === "denied"
        ? t("notificationsBlocked")
        : state.on
          ? t("notificationsOn")
          : t("notificationsOff");

  return (
    <section className="settings-section" aria-labelledby="settings-notifications" data-testid="setting-notifications">
      <h2 id="settings-notifications">{t("notifications")}</h2>
      <p className="muted small">{t("notificationsHint")}</p>
      <p role="status" data-testid="notifications-state">
        {message}
      </p>
      {state && state.permission !== "unsupported" && state.permission !== "denied" && (
        <button type="button" className={state.on ? "button" : "button primary"} onClick={() => void (state.on ? turnOff() : turnOn())}>
          {state.on ? t("notificationsDisable") : t("notificationsEnable")}
        </button>
      )}
    </section>
  );
}

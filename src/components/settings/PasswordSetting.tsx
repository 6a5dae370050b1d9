"use client";
// Changing the password: the current one confirms it; every other device is logged out.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "@/components/platform/api";
import { ACCOUNT } from "@/shared/limits";

export function PasswordSetting() {
  const t = useTranslations("settings");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setResult(null);
    const res = await callApi<{ revoked: number }>("POST", "/api/me/password", {
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
    });
    setBusy(false);
    if (!res.ok) return setResult({ ok: false, text: res.error.message });
    form.reset();
    setResult({ ok: true, text: `${t("passwordChanged")} ${t("otherDevicesLoggedOut", { count: res.body.revoked })}` });
  }

  return (
    <section className="settings-section" aria-labelledby="settings-password">
      <h2 id="settings-password">{t("password")}</h2>
      <form className="form password-form" onSubmit={onSubmit} data-testid="password-form">
        <label>
          {t("currentPassword")}
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {t("newPassword")}
          <input name="newPassword" type="password" autoComplete="new-password" minLength={ACCOUNT.passwordMin} maxLength={ACCOUNT.passwordMax} required />
          <span className="muted small">{t("newPasswordHint", { min: ACCOUNT.passwordMin })}</span>
        </label>
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {t("changePassword")}
          </button>
        </div>
        {result && (
          <p className={result.ok ? "muted" : "form-error"} role="status" data-testid="password-result">
            {result.text}
          </p>
        )}
      </form>
    </section>
  );
}

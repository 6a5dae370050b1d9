"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AuthCard } from "./AuthCard";

export function LoginForm() {
  const t = useTranslations("auth");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setBusy(false);
    if (!result || result.error) {
      // A throttled login comes back as "LOGIN_THROTTLED:<seconds>" (or RATE_LIMITED when the server is busy).
      const [code, seconds] = decodeURIComponent(result?.error ?? "").split(":");
      if (code === "LOGIN_THROTTLED" || code === "RATE_LIMITED") setError(t("loginThrottled", { seconds: Number(seconds) || 1 }));
      else setError(tErrors("INVALID_CREDENTIALS"));
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <AuthCard title={t("loginTitle")}>
      <form onSubmit={onSubmit} className="form" noValidate>
        <label>
          {t("username")}
          <input name="username" autoComplete="username" autoCapitalize="none" required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="form-error" role="status" data-testid="form-error">
            {error}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? t("loggingIn") : t("logIn")}
        </button>
      </form>
      <p className="muted">
        {t("noAccount")} <Link href="/signup">{t("createAccount")}</Link>
      </p>
      <p className="muted small">{t("demoHint")}</p>
    </AuthCard>
  );
}

"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ZSignup } from "@/shared/schemas/accounts";
import { AuthCard } from "./AuthCard";

export function SignupForm() {
  const t = useTranslations("auth");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const parsed = ZSignup.safeParse(form);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "");
      setError(`${tErrors("VALIDATION_FAILED")} ${field ? `(${t(field as "username")})` : ""}`);
      return;
    }
    setBusy(true);
    setError(null);
    const response = await fetch("/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(parsed.data),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      setBusy(false);
      setError(body?.error?.message ?? tErrors("INTERNAL"));
      return;
    }
    await signIn("credentials", { redirect: false, username: parsed.data.username, password: parsed.data.password });
    router.replace("/");
    router.refresh();
  }

  return (
    <AuthCard title={t("signupTitle")}>
      <form onSubmit={onSubmit} className="form" noValidate>
        <label>
          {t("username")}
          <input name="username" autoComplete="username" autoCapitalize="none" required aria-describedby="username-hint" />
          <small id="username-hint">{t("usernameHint")}</small>
        </label>
        <label>
          {t("displayName")}
          <input name="displayName" autoComplete="nickname" required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autoComplete="new-password" required aria-describedby="password-hint" />
          <small id="password-hint">{t("passwordHint")}</small>
        </label>
        <label>
          {t("birthDate")}
          <input name="birthDate" type="date" required aria-describedby="birth-hint" />
          <small id="birth-hint">{t("birthDateHint")}</small>
        </label>
        {error && (
          <p className="form-error" role="status" data-testid="form-error">
            {error}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? t("signingUp") : t("signUp")}
        </button>
      </form>
      <p className="muted">
        {t("haveAccount")} <Link href="/login">{t("logIn")}</Link>
      </p>
    </AuthCard>
  );
}

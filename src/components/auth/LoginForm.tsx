"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AuthCard } from "./AuthCard";
import { Field } from "./Field";
import { loginServerError, type FieldErrors } from "./fieldErrors";

export function LoginForm() {
  const t = useTranslations("auth");
  const tf = useTranslations("auth.fieldErrors");
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const missing: FieldErrors = {};
    if (!username) missing.username = { key: "usernameRequired" };
    if (!password) missing.password = { key: "passwordRequired" };
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    const result = await signIn("credentials", { redirect: false, username, password });
    setBusy(false);
    if (!result || result.error) return setErrors(loginServerError(result?.error ?? ""));
    router.replace("/");
    router.refresh();
  }

  return (
    <AuthCard title={t("loginTitle")}>
      <form onSubmit={onSubmit} className="form" noValidate>
        <Field name="username" label={t("username")} error={errors.username} autoComplete="username" autoCapitalize="none" required />
        <Field name="password" label={t("password")} error={errors.password} type="password" autoComplete="current-password" required />
        {errors.form && (
          <p className="form-error" role="status" data-testid="form-error">
            {tf(errors.form.key, errors.form.values)}
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

"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ACCOUNT } from "@/shared/limits";
import { ZSignup } from "@/shared/schemas/accounts";
import { AuthCard } from "./AuthCard";
import { Field } from "./Field";
import { SIGNUP_FIELDS, signupIssues, signupServerError, tooYoung, type FieldErrors } from "./fieldErrors";

export function SignupForm() {
  const t = useTranslations("auth");
  const tf = useTranslations("auth.fieldErrors");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Shows the problems and moves the focus to the first field that has one. */
  function show(next: FieldErrors) {
    setErrors(next);
    const first = SIGNUP_FIELDS.find((f) => next[f]);
    if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus());
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setFormError(null);
    const parsed = ZSignup.safeParse(form);
    // Every field's problem at once, the age among them.
    if (!parsed.success) return show({ ...tooYoung(form.birthDate ?? ""), ...signupIssues(parsed.error.issues, form) });
    const young = tooYoung(parsed.data.birthDate);
    if (young.birthDate) return show(young);
    setBusy(true);
    setErrors({});
    const response = await fetch("/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(parsed.data),
    }).catch(() => null);
    if (!response?.ok) {
      const body = await response?.json().catch(() => null);
      setBusy(false);
      const byField = signupServerError(body?.error);
      if (byField?.form) return setFormError(tf(byField.form.key, byField.form.values));
      if (byField) return show(byField);
      setFormError(body?.error?.message ?? tErrors("INTERNAL"));
      return;
    }
    await signIn("credentials", { redirect: false, username: parsed.data.username, password: parsed.data.password });
    router.replace("/");
    router.refresh();
  }

  return (
    <AuthCard title={t("signupTitle")}>
      <form ref={formRef} onSubmit={onSubmit} className="form" noValidate>
        <Field
          name="username"
          label={t("username")}
          hint={t("usernameHint", { min: ACCOUNT.usernameMin, max: ACCOUNT.usernameMax })}
          error={errors.username}
          autoComplete="username"
          autoCapitalize="none"
          required
        />
        <Field name="displayName" label={t("displayName")} error={errors.displayName} autoComplete="nickname" required />
        <Field name="password" label={t("password")} hint={t("passwordHint", { min: ACCOUNT.passwordMin })} error={errors.password} type="password" autoComplete="new-password" required />
        <Field name="birthDate" label={t("birthDate")} hint={t("birthDateHint")} error={errors.birthDate} type="date" required />
        {formError && (
          <p className="form-error" role="status" data-testid="form-error">
            {formError}
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

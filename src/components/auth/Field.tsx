"use client";
// A labelled input with its hint and, when something is wrong, the reason right under
// it: the input points at both with aria-describedby and says aria-invalid.
import { useTranslations } from "next-intl";
import type { FieldMessage } from "./fieldErrors";

export function Field({ name, label, hint, error, ...input }: { name: string; label: string; hint?: string; error?: FieldMessage } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  const t = useTranslations("auth.fieldErrors");
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <label>
      {label}
      <input name={name} {...input} aria-invalid={error ? true : undefined} aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined} />
      {error && (
        <small id={errorId} className="form-error field-error" data-testid={`${name}-error`}>
          {t(error.key, error.values)}
        </small>
      )}
      {hint && <small id={hintId}>{hint}</small>}
    </label>
  );
}

// Which field a sign-up or login problem belongs to, and what to say there: the client's
// own check (the shared zod schema, so the same rules as the server) and the server's
// error codes both end as one message per field.
import type { z } from "zod";
import { ageOn, isCalendarDate, isoDate } from "@/shared/age";
import { ACCOUNT, AGE } from "@/shared/limits";

export type SignupField = "username" | "displayName" | "password" | "birthDate";
export const SIGNUP_FIELDS: readonly SignupField[] = ["username", "displayName", "password", "birthDate"];

/** A message key of the `auth.fieldErrors` catalogue, with its values. */
export interface FieldMessage {
  key: string;
  values?: Record<string, number>;
}
export type FieldErrors = Partial<Record<SignupField | "form", FieldMessage>>;

function birthDateMessage(value: string): FieldMessage {
  if (!value) return { key: "birthDateRequired" };
  if (!isCalendarDate(value)) return { key: "birthDateInvalid" };
  if (value > isoDate()) return { key: "birthDateFuture" };
  return { key: "birthDateInvalid" };
}

function issueMessage(field: SignupField, issue: z.core.$ZodIssue, value: string): FieldMessage {
  if (field === "birthDate") return birthDateMessage(value);
  if (!value.trim()) return { key: `${field}Required` };
  if (issue.code === "too_small") {
    return field === "username" ? { key: "usernameTooShort", values: { min: ACCOUNT.usernameMin } } : { key: "passwordTooShort", values: { min: ACCOUNT.passwordMin } };
  }
  if (issue.code === "too_big") {
    const max = { username: ACCOUNT.usernameMax, displayName: ACCOUNT.displayNameMax, password: ACCOUNT.passwordMax }[field];
    return { key: `${field}TooLong`, values: { max } };
  }
  if (field === "username" && issue.code === "invalid_format") return { key: "usernameChars" };
  return { key: "invalidField" };
}

/** The first problem of each field in a failed parse of the sign-up form. */
export function signupIssues(issues: readonly z.core.$ZodIssue[], values: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0] as SignupField;
    if (!SIGNUP_FIELDS.includes(field) || errors[field]) continue;
    errors[field] = issueMessage(field, issue, values[field] ?? "");
  }
  return errors;
}

/** What the client can tell before asking: too young to sign up (the server refuses it too). */
export function tooYoung(birthDate: string): FieldErrors {
  return isCalendarDate(birthDate) && birthDate <= isoDate() && ageOn(birthDate) < AGE.minimumToSignUp ? { birthDate: { key: "birthDateTooYoung", values: { min: AGE.minimumToSignUp } } } : {};
}

/** The server's answer to a sign-up, by field. Null: not a field's problem (say it for the form). */
export function signupServerError(error: { code?: string; retryAfter?: number; details?: { issues?: { path: string }[] } } | null | undefined): FieldErrors | null {
  switch (error?.code) {
    case "USERNAME_TAKEN":
      return { username: { key: "usernameTaken" } };
    case "USERNAME_RESERVED":
      return { username: { key: "usernameReserved" } };
    case "AGE_RESTRICTED":
      return { birthDate: { key: "birthDateTooYoung", values: { min: AGE.minimumToSignUp } } };
    case "RATE_LIMITED":
      return { form: { key: "signupThrottled", values: { seconds: Math.max(1, error.retryAfter ?? 1) } } };
    case "VALIDATION_FAILED": {
      const errors: FieldErrors = {};
      for (const issue of error.details?.issues ?? []) {
        const field = issue.path.split(".")[0] as SignupField;
        if (SIGNUP_FIELDS.includes(field)) errors[field] ??= { key: "invalidField" };
      }
      return Object.keys(errors).length ? errors : null;
    }
    default:
      return null;
  }
}

/** next-auth's answer to a login: throttled ("LOGIN_THROTTLED:<seconds>", or RATE_LIMITED when busy) or wrong. */
export function loginServerError(error: string): FieldErrors {
  const [code, seconds] = decodeURIComponent(error).split(":");
  if (code === "LOGIN_THROTTLED" || code === "RATE_LIMITED") return { form: { key: "loginThrottled", values: { seconds: Number(seconds) || 1 } } };
  // The server does not say which of the two was wrong (that would tell who has an account).
  return { password: { key: "wrongCredentials" } };
}

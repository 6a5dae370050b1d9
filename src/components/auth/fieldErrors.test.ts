import { describe, expect, it } from "vitest";
import { ZSignup } from "@/shared/schemas/accounts";
import { ACCOUNT, AGE } from "@/shared/limits";
import { loginServerError, signupIssues, signupServerError, tooYoung } from "./fieldErrors";

const issuesOf = (form: Record<string, string>) => {
  const parsed = ZSignup.safeParse(form);
  if (parsed.success) throw new Error("expected a failure");
  return signupIssues(parsed.error.issues, form);
};

describe("sign-up and login problems by field", () => {
  it("says per field what the shared schema refused", () => {
    expect(issuesOf({ username: "ab", displayName: "", password: "short", birthDate: "" })).toEqual({
      username: { key: "usernameTooShort", values: { min: ACCOUNT.usernameMin } },
      displayName: { key: "displayNameRequired" },
      password: { key: "passwordTooShort", values: { min: ACCOUNT.passwordMin } },
      birthDate: { key: "birthDateRequired" },
    });
    expect(issuesOf({ username: "no spaces", displayName: "A", password: "a good password", birthDate: "2999-01-01" })).toEqual({
      username: { key: "usernameChars" },
      birthDate: { key: "birthDateFuture" },
    });
  });

  it("maps the server's codes to the field they concern", () => {
    expect(signupServerError({ code: "USERNAME_TAKEN" })).toEqual({ username: { key: "usernameTaken" } });
    expect(signupServerError({ code: "USERNAME_RESERVED" })).toEqual({ username: { key: "usernameReserved" } });
    expect(signupServerError({ code: "AGE_RESTRICTED" })?.birthDate?.key).toBe("birthDateTooYoung");
    expect(signupServerError({ code: "RATE_LIMITED", retryAfter: 30 })).toEqual({ form: { key: "signupThrottled", values: { seconds: 30 } } });
    expect(signupServerError({ code: "VALIDATION_FAILED", details: { issues: [{ path: "password" }] } })).toEqual({ password: { key: "invalidField" } });
    expect(signupServerError({ code: "INTERNAL" })).toBeNull();
  });

  it("mirrors the minimum age before asking", () => {
    const year = new Date().getUTCFullYear();
    expect(tooYoung(`${year - AGE.minimumToSignUp + 2}-01-01`).birthDate?.key).toBe("birthDateTooYoung");
    expect(tooYoung(`${year - 30}-01-01`)).toEqual({});
  });

  it("a login is throttled for the form with the wait, or wrong at the password", () => {
    expect(loginServerError("LOGIN_THROTTLED%3A42")).toEqual({ form: { key: "loginThrottled", values: { seconds: 42 } } });
    expect(loginServerError("CredentialsSignin")).toEqual({ password: { key: "wrongCredentials" } });
  });
});

import { z } from "zod";
import "./zod-config";
import { ACCOUNT } from "../limits";
import { isCalendarDate, isoDate } from "../age";
import { multiLine, singleLine } from "./text";

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .min(ACCOUNT.usernameMin)
  .max(ACCOUNT.usernameMax)
  .regex(/^[a-z0-9_.]+$/, "letters, digits, _ and . only");

export const ZBirthDate = z
  .string()
  .refine(isCalendarDate, "a date as YYYY-MM-DD")
  .refine((d) => d <= isoDate(), "not in the future")
  .refine((d) => d >= "1900-01-01", "after 1900");

export const ZSignup = z.object({
  username: ZUsername,
  displayName: singleLine(z.string().trim().min(1).max(ACCOUNT.displayNameMax)),
  password: singleLine(z.string().min(ACCOUNT.passwordMin).max(ACCOUNT.passwordMax)),
  birthDate: ZBirthDate,
});
export type SignupInput = z.infer<typeof ZSignup>;

export const ZCredentials = z.object({
  username: singleLine(z.string().trim().toLowerCase().min(1).max(ACCOUNT.usernameMax)),
  password: singleLine(z.string().min(1).max(ACCOUNT.passwordMax)),
});
export type CredentialsInput = z.infer<typeof ZCredentials>;

export const ZSafetyUpdate = z.object({ nudityFilter: z.boolean() });

export const ZDmPolicy = z.enum(["everyone", "friends", "nobody"]);
export type DmPolicy = z.infer<typeof ZDmPolicy>;

/** PATCH /api/me/settings: any subset; null locale/theme means "the browser's"/"the system's". Unknown fields are refused. */
export const ZSettingsUpdate = z
  .object({
    locale: z.enum(["en", "de"]).nullable(),
    theme: z.enum(["light", "dark"]).nullable(),
    dmPolicy: ZDmPolicy,
    displayName: singleLine(z.string().trim().min(1).max(ACCOUNT.displayNameMax)),
    bio: multiLine(z.string().max(ACCOUNT.bioMax)),
    /** Adults may stop the privacy warning shown before photos and videos are sent. */
    privacyWarningDismissed: z.boolean(),
  })
  .partial()
  .strict();
export type SettingsUpdate = z.infer<typeof ZSettingsUpdate>;

/** POST /api/me/password: the current password confirms the change. */
export const ZPasswordChange = z.object({
  currentPassword: z.string().min(1).max(ACCOUNT.passwordMax),
  newPassword: z.string().min(ACCOUNT.passwordMin).max(ACCOUNT.passwordMax),
});
export type PasswordChangeInput = z.infer<typeof ZPasswordChange>;

/** An uploaded profile picture's id (POST /api/me/avatar answers with it). */
export const ZAvatarId = z.string().regex(/^a[0-9a-f]{24}$/, "an avatar id from POST /api/me/avatar");

/**
 * PATCH /api/me/profile: any subset of the name, the bio and the picture (an id from
 * POST /api/me/avatar, or null to remove it). Unknown fields are refused, and so is nothing.
 */
export const ZProfileUpdate = z
  .object({
    displayName: singleLine(z.string().trim().min(1).max(ACCOUNT.displayNameMax)),
    bio: multiLine(z.string().trim().max(ACCOUNT.bioMax)),
    avatarId: ZAvatarId.nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), "nothing to change");
export type ProfileUpdate = z.infer<typeof ZProfileUpdate>;

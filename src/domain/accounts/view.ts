import { ageBandOf, ageOn, type AgeBand } from "@/shared/age";
import { AGE } from "@/shared/limits";
import type { DmPolicy } from "@/shared/schemas/accounts";

/** The columns the account rules need. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  birthDate: string;
  nudityFilter: boolean;
  dmPolicy: string | null;
  avatarUrl: string | null;
  locale: string | null;
  theme: string | null;
  privacyWarningDismissed: boolean;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  age: number;
  ageBand: AgeBand;
  canUseDMs: boolean;
  safety: { nudityFilter: boolean; canChange: boolean };
  settings: { locale: string | null; theme: string | null; dmPolicy: DmPolicy; privacyWarningDismissed: boolean };
}

export const ageOf = (user: Pick<AccountRow, "birthDate">, now = new Date()) => ageOn(user.birthDate, now);

export const canUseDMs = (user: Pick<AccountRow, "birthDate">, now = new Date()) =>
  ageOf(user, now) >= AGE.minimumForDMs;

/** Under 18 the filter is on whatever the stored setting says. */
export function effectiveNudityFilter(user: Pick<AccountRow, "birthDate" | "nudityFilter">, now = new Date()) {
  return ageOf(user, now) < AGE.adult ? true : user.nudityFilter;
}

/** Teens default to friends only; adults to everyone. */
export function effectiveDmPolicy(user: Pick<AccountRow, "birthDate" | "dmPolicy">, now = new Date()): DmPolicy {
  if (user.dmPolicy === "everyone" || user.dmPolicy === "friends" || user.dmPolicy === "nobody") return user.dmPolicy;
  return ageOf(user, now) < AGE.adult ? "friends" : "everyone";
}

export function toMe(user: AccountRow, now = new Date()): Me {
  const age = ageOf(user, now);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl,
    age,
    ageBand: ageBandOf(age),
    canUseDMs: age >= AGE.minimumForDMs,
    safety: { nudityFilter: effectiveNudityFilter(user, now), canChange: age >= AGE.adult },
    settings: {
      locale: user.locale,
      theme: user.theme,
      dmPolicy: effectiveDmPolicy(user, now),
      privacyWarningDismissed: user.privacyWarningDismissed,
    },
  };
}

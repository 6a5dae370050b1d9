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
  /** Read from the whole row (a select that leaves it out reads as a person). */
  isBot?: boolean;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** A bot account, speaking through its owner's personal access tokens. */
  isBot: boolean;
  age: number;
  ageBand: AgeBand;
  canUseDMs: boolean;
  safety: { nudityFilter: boolean; canChange: boolean };
  settings: { locale: string | null; theme: string | null; dmPolicy: DmPolicy; privacyWarningDismissed: boolean };
}

export const ageOf = (user: Pick<AccountRow, "birthDate">, now: Date | number = Date.now()) => ageOn(user.birthDate, now);

export const canUseDMs = (user: Pick<AccountRow, "birthDate">, now = new Date()) => ageOf(user, now) >= AGE.minimumForDMs;

/** Under 18 the filter is on whatever the stored setting says. */
export function effectiveNudityFilter(user: Pick<AccountRow, "birthDate" | "nudityFilter">, now = new Date()) {
  return ageOf(user, now) < AGE.adult ? true : user.nudityFilter;
}

/** The DM policies a person of this age may choose: under 18, never "everyone". */
export function dmPolicyAllowed(user: Pick<AccountRow, "birthDate">, policy: DmPolicy, now = new Date()): boolean {
  return policy !== "everyone" || ageOf(user, now) >= AGE.adult;
}

/**
 * The DM policy in force, the only way to read the stored one. Teens default to friends
 * only and adults to everyone; a stored "everyone" counts as friends until 18 (a value
 * stored before the rule, or one's age band read at another time).
 */
export function effectiveDmPolicy(user: Pick<AccountRow, "birthDate" | "dmPolicy">, now = new Date()): DmPolicy {
  const stored = user.dmPolicy === "everyone" || user.dmPolicy === "friends" || user.dmPolicy === "nobody" ? user.dmPolicy : null;
  if (stored && dmPolicyAllowed(user, stored, now)) return stored;
  return ageOf(user, now) < AGE.adult ? "friends" : "everyone";
}

export function toMe(user: AccountRow, now = new Date()): Me {
  const age = ageOf(user, now);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl,
    isBot: user.isBot ?? false,
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

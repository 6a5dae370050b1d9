import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { AGE } from "@/shared/limits";
import type { SettingsUpdate } from "@/shared/schemas/accounts";
import { ageOf, dmPolicyAllowed, toMe, type Me } from "./view";

export type { SettingsUpdate };

/**
 * Changes any of the account's own settings (already validated by ZSettingsUpdate; the
 * nudity filter has its own rule in me.ts); fields left out stay as they are. The user's
 * other tabs and devices hear `me:settings`, and their sockets switch language with it.
 */
export async function updateSettings(db: Db, userId: string, update: SettingsUpdate): Promise<Me> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { birthDate: true } });
  if (!user) throw notFound("No such account");
  // Teens see the privacy warning before every photo or video: they cannot switch it off.
  if (update.privacyWarningDismissed && ageOf(user) < AGE.adult) {
    throw new DomainError("AGE_RESTRICTED", "The privacy warning stays on until you are 18.");
  }
  if (update.dmPolicy && !dmPolicyAllowed(user, update.dmPolicy)) {
    throw new DomainError("AGE_RESTRICTED", "Under 18, only friends (or nobody) can message you.");
  }
  const data = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
  const me = toMe(await db.user.update({ where: { id: userId }, data }));
  events().toUsers([userId], "me:settings", me.settings);
  return me;
}

import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { AGE } from "@/shared/limits";
import type { z } from "zod";
import type { ZSettingsUpdate } from "@/shared/schemas/accounts";
import { ageOf, toMe, type Me } from "./view";

export type SettingsUpdate = z.infer<typeof ZSettingsUpdate>;

/** Changes the account's settings; fields left out stay as they are. */
export async function updateSettings(db: Db, userId: string, update: SettingsUpdate): Promise<Me> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("No such account");
  // Teens see the privacy warning before every photo or video: they cannot switch it off.
  if (update.privacyWarningDismissed && ageOf(user) < AGE.adult) {
    throw new DomainError("AGE_RESTRICTED", "The privacy warning stays on until you are 18.");
  }
  return toMe(await db.user.update({ where: { id: userId }, data: update }));
}

import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { AGE } from "@/shared/limits";
import { ageOf, toMe, type Me } from "./view";

export async function getMe(db: Db, userId: string): Promise<Me> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("No such account");
  return toMe(user);
}

/** Only adults may switch the nudity filter off; turning it on is always allowed. */
export async function setNudityFilter(db: Db, userId: string, nudityFilter: boolean): Promise<Me> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("No such account");
  if (!nudityFilter && ageOf(user) < AGE.adult) {
    throw new DomainError("AGE_RESTRICTED", "The nudity filter stays on until you are 18.");
  }
  return toMe(await db.user.update({ where: { id: userId }, data: { nudityFilter } }));
}

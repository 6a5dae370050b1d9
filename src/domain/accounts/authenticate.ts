import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import type { CredentialsInput } from "@/shared/schemas/accounts";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { toMe, type Me } from "./view";

/** Checks a username and password; the same error whether the name or the password is wrong. */
export async function authenticate(db: Db, input: CredentialsInput): Promise<Me> {
  const user = await db.user.findUnique({ where: { username: input.username } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw new DomainError("INVALID_CREDENTIALS", "Wrong username or password.");
  return toMe(user);
}

import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import type { CredentialsInput } from "@/shared/schemas/accounts";
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { withHashing } from "./password-queue";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { toMe, type Me } from "./view";

/**
 * Checks a username and password; the same error whether the name or the password is
 * wrong. Throttled per account and per address (LOGIN_THROTTLED): the throttle is read,
 * the password verified and a failure counted in one hashing slot, so a burst of guesses
 * is refused from the first lock on without another hash.
 */
export async function authenticate(db: Db, input: CredentialsInput, from: { address: string | null } = { address: null }): Promise<Me> {
  const attempt = { username: input.username, address: from.address };
  await assertLoginAllowed(attempt); // refused before queueing when locked already
  const [user, fallbackHash] = await Promise.all([db.user.findUnique({ where: { username: input.username } }), dummyPasswordHash()]);
  return withHashing(async () => {
    await assertLoginAllowed(attempt);
    // A bot has no password: it is checked against the dummy hash and always fails, in the same time.
    const ok = await verifyPassword(user && !user.isBot ? user.passwordHash : fallbackHash, input.password);
    if (!user || user.isBot || !ok) {
      await recordLoginFailure(attempt);
      throw new DomainError("INVALID_CREDENTIALS", "Wrong username or password.");
    }
    await recordLoginSuccess(attempt);
    return toMe(user);
  });
}

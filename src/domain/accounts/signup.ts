import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { consumeLimit } from "@/domain/limits/consume";
import { ageOn } from "@/shared/age";
import { AGE, RESERVED_USERNAMES } from "@/shared/limits";
import type { SignupInput } from "@/shared/schemas/accounts";
import { hashPassword } from "./passwords";
import { toMe, type Me } from "./view";

/** Names that would pass for the service itself or its staff: never an account's. */
const isReserved = (username: string) => (RESERVED_USERNAMES as readonly string[]).includes(username.replace(/[._]/g, ""));

export interface SignupOrigin {
  /** The caller's address (counted against the sign-up limit); null for a direct call from code. */
  address: string | null;
}

export async function signUp(db: Db, input: SignupInput, now = new Date(), origin: SignupOrigin = { address: null }): Promise<Me> {
  if (origin.address) await consumeLimit("signup", origin.address);
  if (isReserved(input.username)) throw new DomainError("USERNAME_RESERVED", "That username is reserved.");
  if (ageOn(input.birthDate, now) < AGE.minimumToSignUp) {
    throw new DomainError("AGE_RESTRICTED", `You must be at least ${AGE.minimumToSignUp} to sign up.`);
  }
  const taken = await db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (taken) throw new DomainError("USERNAME_TAKEN", "That username is taken.");
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { username: input.username, displayName: input.displayName, birthDate: input.birthDate, passwordHash },
    });
    return toMe(user, now);
  } catch (e) {
    // Two sign-ups raced for the same name: the unique index decided.
    if ((e as { code?: string }).code === "P2002") throw new DomainError("USERNAME_TAKEN", "That username is taken.");
    throw e;
  }
}

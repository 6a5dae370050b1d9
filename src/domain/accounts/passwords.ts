import { hash, verify } from "@node-rs/argon2";
import { withHashing } from "./password-queue";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline. Hashing
// runs through the hashing queue (bounded concurrency).
export const hashPassword = (password: string): Promise<string> => withHashing(() => hash(password));

/** Verifies a password; call it inside `withHashing` (a login checks its throttle in the same slot). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never authenticates
  }
}

// Verifying against this keeps "unknown user" as slow as "wrong password".
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword("not-a-real-password"));

// Changing one's password: the current one confirms it (wrong guesses count against the
// login throttle like any login), and every other session is logged out, so whoever
// knew the old password, or held an old device, is out.
import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import type { PasswordChangeInput } from "@/shared/schemas/accounts";
import { assertLoginAllowed, recordLoginFailure } from "./login-throttle";
import { withHashing } from "./password-queue";
import { hashPassword, verifyPassword } from "./passwords";
import { revokeSessions } from "./sessions";

export async function changePassword(db: Db, userId: string, sessionId: string, input: PasswordChangeInput): Promise<{ changed: true; revoked: number }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, passwordHash: true } });
  const attempt = { username: user.username, address: null };
  await withHashing(async () => {
    await assertLoginAllowed(attempt);
    if (await verifyPassword(user.passwordHash, input.currentPassword)) return;
    await recordLoginFailure(attempt);
    throw new DomainError("WRONG_PASSWORD", "The current password is not right.");
  });
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  const { revoked } = await revokeSessions(db, userId, sessionId);
  return { changed: true, revoked };
}

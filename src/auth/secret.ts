/** The secret that signs session cookies and bearer tokens (src/server.ts makes one on first start). */
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return secret;
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

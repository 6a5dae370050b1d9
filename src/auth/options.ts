import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { db } from "@/db/client";
import { authenticate } from "@/domain/accounts/authenticate";
import { revokeSession, startSession } from "@/domain/accounts/sessions";
import { isDomainError } from "@/domain/errors";
import { LOCALE_COOKIE, localeCookieValue } from "@/i18n/negotiate";
import { CLIENT_ADDRESS_HEADER } from "@/server/client-address";
import { ZCredentials } from "@/shared/schemas/accounts";
import { SESSION_MAX_AGE_SECONDS } from "./secret";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      name: "Murmur",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZCredentials.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          const address = req?.headers?.[CLIENT_ADDRESS_HEADER];
          const me = await authenticate(db(), parsed.data, { address: typeof address === "string" ? address : null });
          // From now on this browser speaks the account's language, errors included.
          (await cookies()).set(LOCALE_COOKIE, localeCookieValue(me.settings.locale), { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
          const userAgent = req?.headers?.["user-agent"];
          const sid = await startSession(db(), me.id, "browser", typeof userAgent === "string" ? userAgent : null);
          return { id: me.id, name: me.username, sid };
        } catch (e) {
          // A throttled login says so (the login page shows why and for how long); a wrong one says nothing more.
          if (isDomainError(e) && (e.code === "LOGIN_THROTTLED" || e.code === "RATE_LIMITED")) throw new Error(`${e.code}:${e.extra.retryAfter ?? 1}`);
          if (isDomainError(e)) return null;
          throw e;
        }
      },
    }),
  ],
  events: {
    // Logging out ends this session for good: the cookie stops working everywhere.
    async signOut({ token }) {
      const sid = (token as { sid?: unknown } | null)?.sid;
      const userId = (token as { sub?: unknown } | null)?.sub;
      if (typeof sid === "string" && typeof userId === "string") await revokeSession(db(), userId, sid).catch(() => undefined);
    },
  },
  callbacks: {
    // Keep the token minimal: the user id in `sub`. Everything else is read fresh per request.
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.sid = (user as { sid?: string }).sid;
      }
      return { sub: token.sub, name: token.name, sid: token.sid };
    },
    async session({ session, token }) {
      return { ...session, user: { id: token.sub, name: token.name } } as typeof session;
    },
  },
};

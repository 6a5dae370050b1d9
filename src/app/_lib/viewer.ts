import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { identifySession } from "@/auth/tokens";
import { db } from "@/db/client";
import { getMe } from "@/domain/accounts/me";
import type { Me } from "@/domain/accounts/view";

/**
 * The signed-in user for a page, or null. Read once per request (React's cache): the
 * layout (theme), the language and the page itself share the one query.
 */
export const getViewer = cache(async (): Promise<Me | null> => {
  const h = await headers();
  const identity = await identifySession({ cookie: h.get("cookie"), authorization: h.get("authorization") });
  // Pages show the whole account: a personal access token (scoped) does not open them.
  if (!identity || identity.scopes !== null) return null;
  const userId = identity.userId;
  return getMe(db(), userId).catch(() => null);
});

/** For pages behind the login; under-16s are sent to the page that explains why DMs are closed. */
export async function requireDmViewer(): Promise<Me> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!viewer.canUseDMs) redirect("/dms-unavailable");
  return viewer;
}

import { db } from "@/db/client";
import { getOwnProfile, updateProfile } from "@/domain/accounts/profile";
import { mediaStorage } from "@/domain/media/storage";
import { ZProfileUpdate } from "@/shared/schemas/accounts";
import { authedRoute, parseJson } from "../../_lib/route";

/** GET /api/me/profile → {profile}: one's own name, bio and picture, as the editor shows them. */
export const GET = authedRoute(async ({ userId }) => ({ body: { profile: await getOwnProfile(db(), userId) } }));

/** PATCH /api/me/profile {displayName?, bio?, avatarId? (null removes it)} → {profile}. */
export const PATCH = authedRoute(async ({ req, userId }) => {
  const update = await parseJson(req, ZProfileUpdate);
  return { body: { profile: await updateProfile(db(), mediaStorage(), userId, update) } };
});

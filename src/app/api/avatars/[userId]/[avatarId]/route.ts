import { Readable } from "node:stream";
import { z } from "zod";
import { db } from "@/db/client";
import { notFound } from "@/domain/errors";
import { findViewableAvatar } from "@/domain/accounts/profile";
import { mediaStorage } from "@/domain/media/storage";
import { ZAvatarId } from "@/shared/schemas/accounts";
import { isFresh, privateMediaHeaders } from "../../../_lib/media-response";
import { authedRoute } from "../../../_lib/route";

export const runtime = "nodejs";

const ZParams = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), avatarId: ZAvatarId });

/**
 * GET /api/avatars/:userId/:avatarId: a profile picture in use (or the viewer's own upload).
 * An avatar id never changes its bytes: cached, but revalidated, since the owner may change it.
 */
export const GET = authedRoute<{ userId: string; avatarId: string }>(async ({ req, userId, params }) => {
  const parsed = ZParams.safeParse(params);
  if (!parsed.success) throw notFound("No such picture");
  const key = await findViewableAvatar(db(), userId, parsed.data.userId, parsed.data.avatarId);
  const etag = `"${parsed.data.avatarId}"`;
  const headers = privateMediaHeaders(etag);
  if (isFresh(req, etag)) return new Response(null, { status: 304, headers });
  const stream = await mediaStorage().read(key);
  if (!stream) throw notFound("No such picture");
  headers.set("Content-Type", "image/webp");
  return new Response(Readable.toWeb(stream) as ReadableStream, { status: 200, headers });
});

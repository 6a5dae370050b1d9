// Streams a media object to an authorised viewer: Range requests (video seeking),
// private caching revalidated on every view (ETag, 304), nosniff. A media id never
// changes its bytes, but who may see them does: an unsend, a removal or a block must
// take effect on the next view, so a cached copy is never used without asking.
import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { presignedMediaUrl } from "@/domain/media/delivery";
import { findViewableMedia, readMedia, type MediaVariant } from "@/domain/media/serve";
import { mediaStorage } from "@/domain/media/storage";

/** The headers of every private media answer: cached by the viewer only, asked again on every view, inert when opened. */
export function privateMediaHeaders(etag: string): Headers {
  return new Headers({
    "Cache-Control": "private, no-cache",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    // Opened directly, a media URL is inert: no scripts, no plugins.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    Vary: "Cookie, Authorization",
  });
}

/** Whether the viewer's cached copy (If-None-Match) is this one: answer 304. */
export const isFresh = (req: Request, etag: string): boolean =>
  req.headers
    .get("if-none-match")
    ?.split(",")
    .some((t) => t.trim() === etag) ?? false;

export async function mediaResponse(req: NextRequest, userId: string, mediaId: string, variant: MediaVariant): Promise<Response> {
  // ?invite=<code>: a room's picture on its invite page, for whoever holds the link.
  const object = await findViewableMedia(db(), userId, mediaId, variant, { inviteCode: req.nextUrl.searchParams.get("invite") });
  const download = req.nextUrl.searchParams.has("download");
  // MEDIA_DELIVERY=redirect: the viewer is authorised; send them to a short-lived presigned
  // URL. The redirect itself is never cached, so it never outlives the URL it points to.
  const signed = await presignedMediaUrl(mediaStorage(), object, { download });
  if (signed) {
    return new Response(null, { status: 302, headers: { Location: signed, "Cache-Control": "no-store", Vary: "Cookie, Authorization" } });
  }
  const etag = `"${object.id}-${variant}"`;
  const headers = privateMediaHeaders(etag);
  headers.set("Accept-Ranges", "bytes");
  if (download) {
    headers.set("Content-Disposition", `attachment; filename="murmur-${object.id}.${object.ext}"`);
  }
  if (isFresh(req, etag)) return new Response(null, { status: 304, headers });
  const body = await readMedia(mediaStorage(), object, req.headers.get("range"));
  if ("unsatisfiable" in body) {
    headers.set("Content-Range", `bytes */${body.size}`);
    return new Response(null, { status: 416, headers });
  }
  headers.set("Content-Type", object.mime);
  const length = body.range ? body.range.end - body.range.start + 1 : body.size;
  headers.set("Content-Length", String(length));
  if (body.range) headers.set("Content-Range", `bytes ${body.range.start}-${body.range.end}/${body.size}`);
  if (req.method === "HEAD") {
    body.stream.destroy();
    return new Response(null, { status: body.range ? 206 : 200, headers });
  }
  return new Response(Readable.toWeb(body.stream) as ReadableStream, { status: body.range ? 206 : 200, headers });
}

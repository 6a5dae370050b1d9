import { authedRoute } from "../../../_lib/route";
import { mediaResponse } from "../../../_lib/media-response";

export const runtime = "nodejs";

/** GET /api/media/:id/thumbnail: the photo's thumbnail or the video's poster frame (WebP). */
const serve = authedRoute<{ id: string }>(({ req, userId, params }) => mediaResponse(req, userId, params.id, "thumbnail"));
export const GET = serve;
export const HEAD = serve;

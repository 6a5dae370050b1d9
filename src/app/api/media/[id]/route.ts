import { authedRoute } from "../../_lib/route";
import { mediaResponse } from "../../_lib/media-response";

export const runtime = "nodejs";

/** GET /api/media/:id: the file, for members of its conversation (Range supported). `?download` saves it. */
const serve = authedRoute<{ id: string }>(({ req, userId, params }) => mediaResponse(req, userId, params.id, "file"));
export const GET = serve;
export const HEAD = serve;

// The AsyncAPI 3.0 document of the Socket.IO events (public: no login).
import { asyncApiDocument } from "@/shared/api/asyncapi";
import { publicRoute } from "../_lib/route";

export const GET = publicRoute(async () => ({ body: asyncApiDocument() }));

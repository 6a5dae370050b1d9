// The OpenAPI 3.1 document of the HTTP API (public: no login).
import { openApiDocument } from "@/shared/api/openapi";
import { publicRoute } from "../_lib/route";

export const GET = publicRoute(async () => ({ body: openApiDocument() }));

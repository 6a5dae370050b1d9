// Any /api address no route answers: the JSON error shape (404 NOT_FOUND), not Next's HTML page.
import { errorResponse } from "../_lib/route";
import { resolveLocale, LOCALE_COOKIE } from "@/i18n/negotiate";
import type { NextRequest } from "next/server";

const notFound = (req: NextRequest) => errorResponse("NOT_FOUND", resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get("accept-language")));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

// Next's proxy: a fresh nonce for every page, in the Content-Security-Policy of the
// response and of the request (Next reads it there and puts it on its own scripts).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./server/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: the API answers JSON and media, which run no scripts; static files carry no nonce.
  matcher: [{ source: "/((?!api|_next/static|_next/image|demo|icon.svg|favicon.ico).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};

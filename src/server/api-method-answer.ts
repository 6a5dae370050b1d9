// Next answers an API route asked with a method it does not export with a bare 405 and no
// body. API clients get the same JSON error shape as every other refusal instead.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { errorMessage } from "@/i18n/errors";
import { localeOfRequest } from "./request-locale";

const isEmpty = (chunk: unknown) => chunk === undefined || chunk === null || typeof chunk === "function" || (chunk as { length?: number }).length === 0;

/** For an /api request: a bodiless 405 becomes `{error: {code: "METHOD_NOT_ALLOWED", message}}`. */
export function answerWrongMethodAsJson(req: IncomingMessage, res: ServerResponse): void {
  let replacing = false;
  let wroteBody = false;
  const { writeHead, write, end } = res;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = rest.find((r) => r && typeof r === "object") as OutgoingHttpHeaders | undefined;
    const typed = this.hasHeader("content-type") || Object.keys(headers ?? {}).some((k) => k.toLowerCase() === "content-type");
    if (status === 405 && !typed) {
      replacing = true;
      this.setHeader("content-type", "application/json");
    }
    return writeHead.call(this, status, ...(rest as []));
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (!isEmpty(chunk)) wroteBody = true;
    return write.call(this, chunk, ...(rest as [BufferEncoding]));
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent && this.statusCode === 405 && !this.hasHeader("content-type")) {
      replacing = true;
      this.setHeader("content-type", "application/json");
    }
    if (replacing && !wroteBody && isEmpty(args[0])) {
      const body = JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: errorMessage("METHOD_NOT_ALLOWED", localeOfRequest(req)) } });
      if (!this.headersSent) this.setHeader("content-length", Buffer.byteLength(body));
      return end.call(this, body, "utf8", typeof args[0] === "function" ? (args[0] as () => void) : undefined);
    }
    return end.apply(this, args as never);
  } as ServerResponse["end"];
}

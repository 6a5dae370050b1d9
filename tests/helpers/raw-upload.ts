// A multipart upload written by hand over one HTTP connection, as an attacker (or a slow
// phone) sends it: the fields, the file's first bytes, then filler at a chosen pace,
// with an honest Content-Length or none at all (chunked). It stops sending as soon as
// an answer arrives, and tells how long the answer took and how much had been sent.
import http from "node:http";

export interface RawUploadOptions {
  url: string;
  token: string;
  /** Added to /api/media, e.g. "?conversationId=…". */
  query?: string;
  /** Text parts, in order, before the file part. */
  fields?: Record<string, string>;
  /** The file's first bytes (what the server sniffs); the rest is zeros up to fileBytes. */
  head: Buffer;
  fileBytes: number;
  contentType?: string;
  /** false: no Content-Length (Transfer-Encoding: chunked). */
  honestLength?: boolean;
  chunkBytes?: number;
  /** Pause between chunks. */
  paceMs?: number;
}

export interface RawUploadAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** From the first byte sent to the answer's headers. */
  ms: number;
  /** File and field bytes handed to the socket before the answer came. */
  sentBytes: number;
  totalBytes: number;
}

export function rawUpload(o: RawUploadOptions): Promise<RawUploadAnswer> {
  const boundary = `----murmur${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(o.fields ?? {}).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const preamble = Buffer.from(
    `${parts.join("")}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: ${o.contentType ?? "application/octet-stream"}\r\n\r\n`,
  );
  const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
  const totalBytes = preamble.length + o.fileBytes + closing.length;
  const chunk = Buffer.alloc(o.chunkBytes ?? 256 * 1024);
  const target = new URL(`/api/media${o.query ?? ""}`, o.url);

  return new Promise((resolve, reject) => {
    let answered = false;
    let sentBytes = 0;
    const started = Date.now();
    const req = http.request(target, {
      method: "POST",
      agent: false,
      headers: {
        authorization: `Bearer ${o.token}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        ...(o.honestLength === false ? { "transfer-encoding": "chunked" } : { "content-length": String(totalBytes) }),
      },
    });
    req.on("response", (res) => {
      answered = true;
      const ms = Date.now() - started;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms, sentBytes, totalBytes });
        req.destroy(); // the rest is never sent
      });
      res.on("error", reject);
    });
    // A reset after the answer is the server dropping the unread rest: not a failure.
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const write = (buf: Buffer) =>
      new Promise<void>((done) => {
        sentBytes += buf.length;
        if (req.write(buf)) done();
        else req.once("drain", done);
      });
    const pause = () => new Promise((r) => setTimeout(r, o.paceMs ?? 0));
    (async () => {
      await write(Buffer.concat([preamble, o.head]));
      let left = o.fileBytes - o.head.length;
      while (left > 0 && !answered && !req.destroyed) {
        const n = Math.min(left, chunk.length);
        await write(n === chunk.length ? chunk : chunk.subarray(0, n));
        left -= n;
        if (o.paceMs) await pause();
      }
      if (!answered && !req.destroyed) req.end(closing);
    })().catch(() => undefined);
  });
}

// Reads a multipart/form-data upload as a stream (never the whole body in memory):
// text fields into an object, the one `file` part onto disk. Nothing reaches the disk
// before `beforeFile` has approved the fields that came first (who may upload where);
// the byte limit is enforced while the bytes arrive, and tightened once the first bytes
// tell what the file is. A refusal stops reading the body at once: the rest is never
// read here (the server discards it and closes the connection after the answer).
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "busboy";
import { DomainError } from "@/domain/errors";

/** What a multipart body may carry besides the file itself: field parts and boundaries. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export interface ReceivedUpload {
  fields: Record<string, string>;
  /** The `file` part's path on disk, or null when there was none. */
  file: string | null;
}

export interface ReceiveOptions {
  /** The byte limit for the file, from the fields seen so far and its first bytes (null: not enough bytes yet). */
  limitFor(fields: Record<string, string>, head: Buffer | null): Promise<number>;
  /** How many first bytes `limitFor` wants to see. */
  headBytes: number;
  /** Runs when the file part starts, before a byte of it is read or stored; throws to refuse. */
  beforeFile(fields: Record<string, string>): Promise<void>;
}

const tooLarge = (maxBytes: number) => new DomainError("MEDIA_TOO_LARGE", "the file is too large", { details: { maxBytes } });

/** The body's declared length, when the client gave an honest-looking one. */
function declaredLength(req: Request): number | null {
  const n = Number(req.headers.get("content-length") ?? NaN);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * A sink that keeps the first bytes aside for sniffing, then enforces the limit on the
 * total; a declared body length over the limit is refused as soon as the limit is known.
 */
function limitedFileSink(target: string, fields: Record<string, string>, declared: number | null, options: ReceiveOptions): Writable {
  const out = fs.createWriteStream(target, { flags: "wx" });
  let head: Buffer[] = [];
  let headLength = 0;
  let limit: number | null = null;
  let total = 0;
  const write = (chunk: Buffer) => new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve())));
  const decide = async () => {
    const first = Buffer.concat(head);
    head = [];
    limit = await options.limitFor(fields, first);
    if (total > limit || (declared !== null && declared > limit + MULTIPART_OVERHEAD_BYTES)) throw tooLarge(limit);
    await write(first);
  };
  return new Writable({
    async write(chunk: Buffer, _enc, done) {
      try {
        total += chunk.length;
        if (limit === null) {
          head.push(chunk);
          headLength += chunk.length;
          if (headLength >= options.headBytes) await decide();
        } else {
          if (total > limit) throw tooLarge(limit);
          await write(chunk);
        }
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    async final(done) {
      try {
        if (limit === null) await decide();
        out.end(done);
      } catch (e) {
        done(e as Error);
      }
    },
    destroy(err, done) {
      // Closed before the caller removes the directory: no write lands after the clean-up.
      if (out.closed) return done(err);
      out.once("close", () => done(err));
      out.destroy();
    },
  });
}

export async function receiveMultipart(req: Request, dir: string, options: ReceiveOptions): Promise<ReceivedUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !req.body) {
    throw new DomainError("VALIDATION_FAILED", "The body must be multipart/form-data with a file.");
  }
  // An honest Content-Length over the largest limit is refused before reading a byte.
  const declared = declaredLength(req);
  if (declared !== null) {
    const largest = await options.limitFor({}, null);
    if (declared > largest + MULTIPART_OVERHEAD_BYTES) throw tooLarge(largest);
  }

  let parser: Busboy.Busboy;
  try {
    parser = Busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
  } catch {
    throw new DomainError("VALIDATION_FAILED", "The body must be multipart/form-data with a file.");
  }

  // The first refusal (from the file's checks or the parser) stops everything.
  let refuse!: (e: unknown) => void;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  refused.catch(() => undefined);

  const fields: Record<string, string> = {};
  let file: string | null = null;
  let written: Promise<void> = Promise.resolve();
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream) => {
    if (name !== "file" || file) {
      stream.resume(); // only one file part, named "file"
      return;
    }
    const target = path.join(dir, "upload");
    file = target;
    // Until beforeFile approves, the part is not read: the parser, and so the body, wait.
    written = (async () => {
      await options.beforeFile({ ...fields });
      await pipeline(stream, limitedFileSink(target, fields, declared, options));
    })();
    written.catch(refuse);
  });
  parser.on("error", (e: Error) => refuse(new DomainError("VALIDATION_FAILED", `The upload is not valid multipart (${e.message}).`)));
  const parsed = once(parser, "close");

  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), refused]);
      if (done) break;
      if (!parser.write(value)) await Promise.race([once(parser, "drain"), refused]);
    }
    parser.end();
    await Promise.race([parsed, refused]);
    await written;
  } catch (e) {
    // Never cancel the body: that would destroy the socket before the answer is sent.
    parser.destroy();
    await written.catch(() => undefined); // the file is closed before the caller deletes it
    if (e instanceof DomainError) throw e;
    throw new DomainError("VALIDATION_FAILED", `The upload was cut off (${(e as Error).message}).`);
  }
  return { fields, file };
}

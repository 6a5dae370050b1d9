// Reads a multipart/form-data upload as a stream (never the whole body in memory):
// text fields into an object, the one `file` part onto disk. The byte limit is enforced
// while the bytes arrive, and tightened once the first bytes tell what the file is.
import fs from "node:fs";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import Busboy from "busboy";
import { DomainError } from "@/domain/errors";

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
}

/** A sink that keeps the first bytes aside for sniffing, then enforces the limit on the total. */
function limitedFileSink(target: string, fields: Record<string, string>, options: ReceiveOptions): Writable {
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
    if (total > limit) throw new DomainError("MEDIA_TOO_LARGE", "the file is too large", { details: { maxBytes: limit } });
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
          if (total > limit) throw new DomainError("MEDIA_TOO_LARGE", "the file is too large", { details: { maxBytes: limit } });
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
      out.destroy();
      done(err);
    },
  });
}

export async function receiveMultipart(req: Request, dir: string, options: ReceiveOptions): Promise<ReceivedUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !req.body) {
    throw new DomainError("VALIDATION_FAILED", "The body must be multipart/form-data with a file.");
  }
  // An honest Content-Length over the largest limit is refused before reading a byte.
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > (await options.limitFor({}, null)) + 64 * 1024) {
    throw new DomainError("MEDIA_TOO_LARGE", "the file is too large");
  }

  let parser: Busboy.Busboy;
  try {
    parser = Busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
  } catch {
    throw new DomainError("VALIDATION_FAILED", "The body must be multipart/form-data with a file.");
  }
  const fields: Record<string, string> = {};
  let file: string | null = null;
  const writes: Promise<void>[] = [];
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream) => {
    if (name !== "file" || file) {
      stream.resume(); // only one file part, named "file"
      return;
    }
    file = path.join(dir, "upload");
    const written = pipeline(stream, limitedFileSink(file, fields, options));
    // On refusal, keep reading (and discarding) the rest so that the client receives the answer.
    written.catch(() => stream.resume());
    writes.push(written);
  });

  const body = Readable.fromWeb(req.body as WebReadableStream<Uint8Array>);
  try {
    await pipeline(body, parser);
  } catch (e) {
    await Promise.allSettled(writes);
    for (const w of writes) await w; // a file refusal is the more useful error
    throw new DomainError("VALIDATION_FAILED", `The upload was cut off (${(e as Error).message}).`);
  }
  await Promise.all(writes);
  return { fields, file };
}

import fsp from "node:fs/promises";
import { db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { sniff } from "@/domain/media/sniff";
import { mediaStorage } from "@/domain/media/storage";
import { assertMayUpload, createWorkDir, uploadByteLimit, uploadMedia } from "@/domain/media/upload";
import { ZMediaUploadFields } from "@/shared/schemas/media";
import { SNIFF_BYTES } from "@/domain/media/sniff";
import { receiveMultipart } from "../_lib/multipart";
import { authedRoute, parseWith } from "../_lib/route";

// Big videos: never buffered, never time-limited by the platform.
export const runtime = "nodejs";

/** POST /api/media (multipart: conversationId, kind?, trimStartMs?, trimEndMs?, muted?, then file) → 201 {media}. */
export const POST = authedRoute(async ({ req, userId }) => {
  await assertMayUpload(db(), userId); // under-16s are refused before a byte is read
  const workDir = await createWorkDir();
  try {
    const received = await receiveMultipart(req, workDir, {
      headBytes: SNIFF_BYTES,
      async limitFor(fields, head) {
        const kind = fields.kind === "voice" ? "voice" : undefined;
        if (!head) return uploadByteLimit(kind, null);
        const sniffed = await sniff(head);
        if (!sniffed) throw new DomainError("UNSUPPORTED_MEDIA", "not a photo, video or audio file");
        return uploadByteLimit(kind, sniffed);
      },
    });
    const fields = parseWith(ZMediaUploadFields, received.fields);
    if (!received.file) throw new DomainError("VALIDATION_FAILED", "file: a file is required");
    const media = await uploadMedia(db(), mediaStorage(), { ownerId: userId, fields, file: received.file, workDir });
    return { status: 201, body: { media } };
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
});

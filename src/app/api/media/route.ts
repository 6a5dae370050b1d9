import fsp from "node:fs/promises";
import { db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { consumeUploadQuota } from "@/domain/media/quota";
import { sniff, SNIFF_BYTES } from "@/domain/media/sniff";
import { mediaStorage } from "@/domain/media/storage";
import { assertMayUpload, createWorkDir, uploadByteLimit, uploadMedia } from "@/domain/media/upload";
import { ZMediaUploadFields, ZMediaUploadQuery } from "@/shared/schemas/media";
import { receiveMultipart } from "../_lib/multipart";
import { authedRoute, parseWith } from "../_lib/route";

// Big videos: never buffered, never time-limited by the platform.
export const runtime = "nodejs";

const conversationFirst = () => new DomainError("VALIDATION_FAILED", "conversationId: give it in the query string (or as a field before the file)");

/**
 * POST /api/media?conversationId=…[&kind=voice] (multipart: kind?, trimStartMs?, trimEndMs?,
 * muted?, altText?, then file; conversationId may instead be a field before the file)
 * → 201 {media}, or 202 {media: {…, status: "processing"}} for a video transcoded in the background. Who may upload there, and the quota, are checked before a byte of the
 * file is read; a refusal answers at once without reading the rest.
 */
export const POST = authedRoute(async ({ req, userId }) => {
  const query = parseWith(ZMediaUploadQuery, Object.fromEntries(req.nextUrl.searchParams));
  await assertMayUpload(db(), userId); // under-16s are refused before a byte is read
  let approved: string | null = null;
  const approve = async (conversationId: string) => {
    await assertMayUpload(db(), userId, conversationId);
    await consumeUploadQuota(db(), userId);
    approved = conversationId;
  };
  if (query.conversationId) await approve(query.conversationId);

  const workDir = await createWorkDir();
  try {
    const received = await receiveMultipart(req, workDir, {
      headBytes: SNIFF_BYTES,
      async limitFor(fields, head) {
        const kind = (query.kind ?? fields.kind) === "voice" ? "voice" : undefined;
        if (!head) return uploadByteLimit(kind, null);
        const sniffed = await sniff(head);
        if (!sniffed) throw new DomainError("UNSUPPORTED_MEDIA", "not a photo, video or audio file");
        return uploadByteLimit(kind, sniffed);
      },
      async beforeFile(fields) {
        const conversationId = query.conversationId ?? fields.conversationId;
        if (!conversationId) throw conversationFirst();
        if (fields.conversationId && fields.conversationId !== conversationId) {
          throw new DomainError("VALIDATION_FAILED", "conversationId: the query and the field disagree");
        }
        if (approved !== conversationId) await approve(parseWith(ZMediaUploadFields.shape.conversationId, conversationId));
      },
    });
    const fields = parseWith(ZMediaUploadFields, { ...query, ...received.fields });
    if (!received.file) throw new DomainError("VALIDATION_FAILED", "file: a file is required");
    const media = await uploadMedia(db(), mediaStorage(), { ownerId: userId, fields, file: received.file, workDir }, { background: true });
    // A video that needs a transcode is checked, kept and queued: 202, ready later (media:ready).
    return { status: media.status === "processing" ? 202 : 201, body: { media } };
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
});

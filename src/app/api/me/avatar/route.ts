import fsp from "node:fs/promises";
import { db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { assertMayUploadAvatar, avatarByteLimit, uploadAvatar } from "@/domain/accounts/profile";
import { createWorkDir } from "@/domain/media/upload";
import { mediaStorage } from "@/domain/media/storage";
import { SNIFF_BYTES } from "@/domain/media/sniff";
import { receiveMultipart } from "../../_lib/multipart";
import { authedRoute } from "../../_lib/route";

export const runtime = "nodejs";

/**
 * POST /api/me/avatar (multipart: file) → 201 {avatar: {id, url}}: a screened profile
 * picture, not yet on the profile (PATCH /api/me/profile {avatarId} puts it there).
 */
export const POST = authedRoute(async ({ req, userId }) => {
  await assertMayUploadAvatar(db(), userId);
  const workDir = await createWorkDir();
  try {
    const received = await receiveMultipart(req, workDir, { headBytes: SNIFF_BYTES, limitFor: (_fields, head) => avatarByteLimit(head), beforeFile: async () => {} });
    if (!received.file) throw new DomainError("VALIDATION_FAILED", "file: a file is required");
    const avatar = await uploadAvatar(mediaStorage(), { ownerId: userId, file: received.file, workDir });
    return { status: 201, body: { avatar } };
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
});

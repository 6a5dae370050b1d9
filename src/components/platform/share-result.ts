// The wire shape of one recipient's result from POST /api/posts/:id/share.
import type { MessageView } from "@/domain/messages/view";
import type { ErrorBody } from "@/shared/errors";
import type { ShareRecipient } from "@/shared/schemas/platform";

export type ShareResult = { recipient: ShareRecipient; ok: true; conversationId: string; message: MessageView } | { recipient: ShareRecipient; ok: false; error: ErrorBody };

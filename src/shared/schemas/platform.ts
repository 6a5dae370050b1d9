import { z } from "zod";
import "./zod-config";
import { ZPageQuery } from "./paging";
import { multiLine, singleLine } from "./text";
import { MESSAGE, PLATFORM } from "../limits";
import { ZClientId, ZId } from "./messages";

export const ZPeopleQuery = z.object({ query: singleLine(z.string().trim().max(PLATFORM.searchQueryMax)) });
/** `GET /api/users?query=&cursor=&limit=`. */
export const ZPeopleSearch = ZPeopleQuery.extend(ZPageQuery.shape);

export const ZFeedQuery = z.object({
  cursor: singleLine(z.string().max(200)).optional(),
  limit: z.coerce.number().int().min(1).max(PLATFORM.feedPageMax).default(PLATFORM.feedPageDefault),
});

export const ZCreatorSettings = z
  .object({ subscriptionsEnabled: z.boolean(), fanClubEnabled: z.boolean() })
  .partial()
  .refine((b) => b.subscriptionsEnabled !== undefined || b.fanClubEnabled !== undefined, "subscriptionsEnabled or fanClubEnabled");
export type CreatorSettingsInput = z.infer<typeof ZCreatorSettings>;

export const ZShareRecipient = z.union([z.object({ userId: ZId }).strict(), z.object({ conversationId: ZId }).strict()]);
export type ShareRecipient = z.infer<typeof ZShareRecipient>;

export const ZSharePost = z.object({
  recipients: z.array(ZShareRecipient).min(1).max(PLATFORM.shareMaxRecipients),
  note: multiLine(z.string().trim().max(MESSAGE.textMax)).optional(),
  /** Makes a retried share idempotent: each recipient's message gets a client id derived from it. */
  clientId: ZClientId.optional(),
});
export type SharePostInput = z.infer<typeof ZSharePost>;

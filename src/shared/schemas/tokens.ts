import { z } from "zod";
import "./zod-config";
import { ACCOUNT, TOKENS } from "../limits";
import { ZUsername } from "./accounts";
import { singleLine } from "./text";

/** POST /api/me/tokens (and …/bots/:id/tokens): a name, one or more scopes, and an expiry in days (null: the longest allowed). */
export const ZTokenCreate = z
  .object({
    name: singleLine(z.string().trim().min(1).max(TOKENS.nameMax)),
    scopes: z.array(z.enum(TOKENS.scopes)).min(1).max(TOKENS.scopes.length),
    expiresInDays: z
      .number()
      .int()
      .refine((d) => (TOKENS.expiryDays as readonly number[]).includes(d), `one of ${TOKENS.expiryDays.join(", ")}`)
      .nullable(),
  })
  .strict();
export type TokenCreateInput = z.infer<typeof ZTokenCreate>;

/** POST /api/me/bots: a username and a display name; bots have no password. */
export const ZBotCreate = z
  .object({
    username: ZUsername,
    displayName: singleLine(z.string().trim().min(1).max(ACCOUNT.displayNameMax)),
  })
  .strict();
export type BotCreateInput = z.infer<typeof ZBotCreate>;

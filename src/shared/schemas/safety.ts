import { z } from "zod";
import "./zod-config";
import { multiLine } from "./text";
import { REPORT } from "../limits";
import { ZId } from "./messages";

export const REPORT_REASONS = ["spam", "harassment", "nudity", "underage", "other"] as const;
export const ZReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ZReportReason>;

/** POST /api/users/:id/report. "other" needs a few words saying what happened. */
export const ZReport = z
  .object({
    reason: ZReportReason,
    details: multiLine(z.string().trim().max(REPORT.detailsMax)).optional(),
    /** The message that prompted the report, when reported from a chat. */
    messageId: ZId.optional(),
  })
  .refine((r) => r.reason !== "other" || !!r.details, { message: "say what happened", path: ["details"] });
export type ReportInput = z.infer<typeof ZReport>;

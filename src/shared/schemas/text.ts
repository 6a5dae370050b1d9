// Text that reaches the database carries no NUL byte or other C0 control character
// (PostgreSQL refuses NUL in text outright, which would fail a whole batch): refused
// with VALIDATION_FAILED. Multi-line text keeps tab, newline and carriage return.
import type { z } from "zod";

const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One line: a name, an id, a query. */
export const singleLine = (s: z.ZodString) => s.refine((v) => !ANY_CONTROL.test(v), "no control characters");
/** Several lines: a message, a bio. */
export const multiLine = (s: z.ZodString) => s.refine((v) => !CONTROL_BUT_WHITESPACE.test(v), "no control characters");

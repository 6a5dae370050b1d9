// The message batch may be written by another thread with its own connection (SQLite:
// src/server/message-batch-thread.ts), so that its statements and commit leave the thread
// that serves the sockets. Attached to the client under a global symbol, like the writer:
// Next's bundles and server.ts load separate copies of these modules.
import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import type { ErrorCode } from "@/shared/errors";
import type { Outcome, PlannedMessage } from "./batch-plan";

export interface BatchThread {
  /** false once the thread stopped or failed: batches are written in the process again. */
  readonly alive: boolean;
  /** The batch's transaction, on the thread: its outcomes, or the database's error. */
  write(planned: PlannedMessage[]): Promise<Outcome[]>;
}

const THREAD = Symbol.for("murmur.messageBatchThread");
type Holder = { [THREAD]?: BatchThread };

export const batchThreadOf = (db: Db): BatchThread | undefined => (db as unknown as Holder)[THREAD];

export function attachBatchThread(db: Db, thread: BatchThread | undefined): void {
  Object.defineProperty(db, THREAD, { value: thread, configurable: true, enumerable: false });
}

/**
 * A batch as it crosses threads: one JSON string, which postMessage copies as it is (a
 * structured clone of the message objects cost the main thread more than the JSON). The
 * timestamps go as ISO text and come back as Dates.
 */
export const batchToWire = (planned: PlannedMessage[]): string => JSON.stringify(planned);
export const batchFromWire = (wire: string): PlannedMessage[] =>
  (JSON.parse(wire) as (Omit<PlannedMessage, "createdAt"> & { createdAt: string })[]).map((m) => ({ ...m, createdAt: new Date(m.createdAt) }));

/** An outcome as it crosses threads: a refusal's DomainError as its fields (structured clone keeps only an Error's message). */
export type WireOutcome = Exclude<Outcome, { status: "refused" }> | { status: "refused"; error: { code: string; message: string; extra: DomainError["extra"] } };

export const toWire = (outcomes: Outcome[]): WireOutcome[] =>
  outcomes.map((o) => (o.status === "refused" ? { status: "refused", error: { code: o.error.code, message: o.error.message, extra: o.error.extra } } : o));

export const fromWire = (outcomes: WireOutcome[]): Outcome[] =>
  outcomes.map((o) => (o.status === "refused" ? { status: "refused", error: new DomainError(o.error.code as ErrorCode, o.error.message, o.error.extra) } : o));

/** A thrown error as it crosses threads, and back: the fields the writer reads (isUniqueViolation, isDataError). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}
export const errorToWire = (e: unknown): WireError => {
  const error = e as { name?: unknown; message?: unknown; code?: unknown };
  return { name: String(error?.name ?? "Error"), message: String(error?.message ?? e), ...(error?.code != null ? { code: String(error.code) } : {}) };
};
export const errorFromWire = (wire: WireError): Error => Object.assign(new Error(wire.message), { name: wire.name, ...(wire.code ? { code: wire.code } : {}) });

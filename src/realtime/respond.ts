// The thin shell around every socket event: parse with the shared schema, run the
// domain, answer the ack with {ok: true, ...} or {ok: false, error: {code, message}}.
import type { z } from "zod";
import { isDomainError } from "@/domain/errors";
import { errorMessage } from "@/i18n/errors";
import type { Ack } from "@/shared/events";
import type { MurmurSocket } from "./server";

type AckFn<T> = (answer: Ack<T>) => void;

export function onEvent<S extends z.ZodType, T extends object>(
  socket: MurmurSocket,
  event: string,
  schema: S,
  run: (input: z.infer<S>, ctx: { userId: string; socket: MurmurSocket }) => Promise<T>,
): void {
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, async (...args: unknown[]) => {
    const maybeAck = args[args.length - 1];
    const ack: AckFn<T> = typeof maybeAck === "function" ? (maybeAck as AckFn<T>) : () => {};
    const parsed = schema.safeParse(args[0]);
    const locale = socket.data.locale;
    if (!parsed.success) {
      ack({ ok: false, error: { code: "VALIDATION_FAILED", message: errorMessage("VALIDATION_FAILED", locale, parsed.error.issues[0]?.message) } });
      return;
    }
    try {
      ack({ ok: true, ...(await run(parsed.data, { userId: socket.data.userId, socket })) });
    } catch (e) {
      if (isDomainError(e)) {
        ack({ ok: false, error: { code: e.code, message: errorMessage(e.code, locale), ...(e.extra.retryAfter ? { retryAfter: e.extra.retryAfter } : {}), ...(e.extra.details ? { details: e.extra.details } : {}) } });
      } else {
        console.error(`socket event ${event} failed`, e);
        ack({ ok: false, error: { code: "INTERNAL", message: errorMessage("INTERNAL", locale) } });
      }
    }
  });
}

// The thin shell around every socket event: parse with the event's shared schema, run the
// domain, answer the ack with {ok: true, ...} or {ok: false, error: {code, message}}.
// An event the contract does not name is answered with UNKNOWN_EVENT (when it asks for an ack).
import type { z } from "zod";
import { isDomainError } from "@/domain/errors";
import { errorMessage } from "@/i18n/errors";
import { CLIENT_EVENT_SCHEMAS, isClientEventName, type Ack, type ClientEventName, type ClientEventResults } from "@/shared/events";
import { EVENT_SCOPES, scopeAllows } from "@/shared/scopes";
import type { MurmurSocket } from "./server";

type AckFn<T> = (answer: Ack<T>) => void;
type Input<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENT_SCHEMAS)[E]>;

/** Socket.IO's typed `on` cannot take a generic event name: listeners are attached through this view of it. */
type LooseSocket = { on(event: string, listener: (...args: unknown[]) => void): void };

export function onEvent<E extends ClientEventName>(socket: MurmurSocket, event: E, run: (input: Input<E>, ctx: { userId: string; socket: MurmurSocket }) => Promise<ClientEventResults[E]>): void {
  const schema: z.ZodType<Input<E>> = CLIENT_EVENT_SCHEMAS[event] as never;
  (socket as unknown as LooseSocket).on(event, async (...args: unknown[]) => {
    const maybeAck = args[args.length - 1];
    const ack: AckFn<ClientEventResults[E]> = typeof maybeAck === "function" ? (maybeAck as AckFn<ClientEventResults[E]>) : () => {};
    const parsed = schema.safeParse(args[0]);
    const locale = socket.data.locale;
    // A personal access token past its expiry: the socket goes (its timer may not have fired yet).
    if (socket.data.expiresAt != null && socket.data.expiresAt <= Date.now()) {
      ack({ ok: false, error: { code: "UNAUTHENTICATED", message: errorMessage("UNAUTHENTICATED", locale) } });
      socket.disconnect(true);
      return;
    }
    // What the login may do: one table for every event (src/shared/scopes.ts).
    if (!scopeAllows(socket.data.scopes ?? null, EVENT_SCOPES[event])) {
      ack({ ok: false, error: { code: "INSUFFICIENT_SCOPE", message: errorMessage("INSUFFICIENT_SCOPE", locale), details: { required: EVENT_SCOPES[event] } } });
      return;
    }
    if (!parsed.success) {
      ack({ ok: false, error: { code: "VALIDATION_FAILED", message: errorMessage("VALIDATION_FAILED", locale, parsed.error.issues[0]?.message) } });
      return;
    }
    try {
      ack({ ok: true, ...(await run(parsed.data, { userId: socket.data.userId, socket })) });
    } catch (e) {
      if (isDomainError(e)) {
        ack({
          ok: false,
          error: { code: e.code, message: errorMessage(e.code, locale), ...(e.extra.retryAfter ? { retryAfter: e.extra.retryAfter } : {}), ...(e.extra.details ? { details: e.extra.details } : {}) },
        });
      } else {
        console.error(`socket event ${event} failed`, e);
        ack({ ok: false, error: { code: "INTERNAL", message: errorMessage("INTERNAL", locale) } });
      }
    }
  });
}

/** Answers events outside the contract, so a client with a typo or an old build hears why instead of waiting. */
export function answerUnknownEvents(socket: MurmurSocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (isClientEventName(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === "function") ack({ ok: false, error: { code: "UNKNOWN_EVENT", message: errorMessage("UNKNOWN_EVENT", socket.data.locale, event.slice(0, 64)) } });
  });
}

// Stable error codes, the same in every language and on every transport.
// HTTP answers {error: {code, message}} with the status below; a socket ack
// answers {ok: false, error: {code, message}}.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  AGE_RESTRICTED: 403,
  BLOCKED: 403,
  FORBIDDEN: 403,
  NOT_ELIGIBLE: 403,
  NOT_IN_AUDIENCE: 403,
  BANNED: 403,
  /** A moderator tried to lift a ban the room's creator placed. */
  CREATOR_BAN: 403,
  TIMED_OUT: 403,
  NOT_AVAILABLE: 403,
  NOT_ALLOWED: 403,
  CSRF_REJECTED: 403,
  WRONG_PASSWORD: 403,
  /** A personal access token without the scope this route or event needs. */
  INSUFFICIENT_SCOPE: 403,
  /** A bot tried to start a conversation with (or add to a group) someone under 18. */
  BOT_CANNOT_MESSAGE_MINOR: 403,
  /** Only adults (18+) may create bots. */
  BOT_OWNER_TOO_YOUNG: 403,
  NOT_FOUND: 404,
  /** A socket event the contract does not name. */
  UNKNOWN_EVENT: 404,
  /** An API route asked with a method it does not answer. */
  METHOD_NOT_ALLOWED: 405,
  USERNAME_TAKEN: 409,
  USERNAME_RESERVED: 409,
  CLIENT_ID_REUSED: 409,
  MEDIA_TOO_LARGE: 413,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNSUPPORTED_CONTENT_TYPE: 415,
  MEDIA_FIRST_NOT_ALLOWED: 422,
  TOO_MANY_VISUALS: 422,
  GROUP_FULL: 422,
  EDIT_WINDOW_CLOSED: 422,
  VOICE_NOTE_TOO_LONG: 422,
  NUDITY_BLOCKED: 422,
  NUDITY_CHECK_FAILED: 503,
  ROOM_LIMIT_REACHED: 422,
  ROOM_FULL: 422,
  TOKEN_LIMIT_REACHED: 422,
  BOT_LIMIT_REACHED: 422,
  MODERATOR_LIMIT_REACHED: 422,
  SLOW_MODE: 429,
  RATE_LIMITED: 429,
  UPLOAD_QUOTA: 429,
  LOGIN_THROTTLED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** The wire shape of an error, on HTTP and in socket acks. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Seconds until a rate-limited action may be tried again. */
  retryAfter?: number;
  /** Extra machine-readable facts, e.g. the reasons for NOT_ELIGIBLE. */
  details?: Record<string, unknown>;
}

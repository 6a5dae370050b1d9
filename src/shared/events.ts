// Socket.IO event names and payloads, shared by the server and the browser.
// Capabilities add their events here as they grow.

export interface ServerEvents {
  /** Sent once after connecting: who the server thinks you are. */
  hello: { userId: string };
  /** The user's own settings changed (on this or another device). */
  "me:settings": { locale: string | null; theme: string | null; dmPolicy: "everyone" | "friends" | "nobody"; privacyWarningDismissed: boolean };
  [event: string]: unknown;
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string; retryAfter?: number } };

// What a personal access token may do: one table for every route and socket event.
// `authedRoute` (src/app/api/_lib/route.ts) and `onEvent` (src/realtime/respond.ts) look
// the need up here; a route missing from ROUTE_SCOPES needs "full" (the strictest:
// browser sessions and password tokens only), and EVENT_SCOPES must name every client
// event (the type checker insists). A token without the scope is 403 INSUFFICIENT_SCOPE.
import type { ClientEventName } from "./events";
import { TOKENS, type TokenScope } from "./limits";

export const TOKEN_SCOPES = TOKENS.scopes;
export type { TokenScope };

/** A scope, or "full": never with a personal access token (settings, tokens, bots, follows …). */
export type Access = TokenScope | "full";

/** Opening a socket: it receives every message pushed to the account. */
export const SOCKET_CONNECT_SCOPE: TokenScope = "messages:read";

export const EVENT_SCOPES: Record<ClientEventName, Access> = {
  "message:send": "messages:write",
  "conversation:start": "messages:write",
  "conversation:read": "messages:write",
  typing: "messages:write",
  "message:react": "messages:write",
  "message:edit": "messages:write",
  "message:unsend": "messages:write",
  "room:message:send": "messages:write",
};

/** "METHOD /api/path/[param]" → the scope it needs. Everything else under /api: "full". */
export const ROUTE_SCOPES: Record<string, Access> = {
  "GET /api/me": "messages:read",
  "GET /api/users": "messages:read",
  "GET /api/users/[username]": "messages:read",
  "GET /api/posts": "messages:read",
  "GET /api/posts/[id]": "messages:read",
  "GET /api/avatars/[userId]/[avatarId]": "messages:read",
  "GET /api/media/[id]": "messages:read",
  "GET /api/media/[id]/thumbnail": "messages:read",
  "GET /api/conversations": "messages:read",
  "GET /api/conversations/[id]": "messages:read",
  "GET /api/conversations/[id]/messages": "messages:read",
  "GET /api/rooms": "messages:read",
  "GET /api/rooms/joinable": "messages:read",
  "GET /api/rooms/eligibility": "messages:read",
  "GET /api/rooms/[id]": "messages:read",
  "GET /api/rooms/[id]/members": "messages:read",
  "GET /api/rooms/[id]/topics": "messages:read",
  "GET /api/rooms/[id]/topics/[topicId]/messages": "messages:read",
  "GET /api/rooms/[id]/announcements": "messages:read",

  "POST /api/conversations": "messages:write",
  "POST /api/conversations/[id]/messages": "messages:write",
  "POST /api/conversations/[id]/read": "messages:write",
  "POST /api/conversations/[id]/accept": "messages:write",
  // Managing one's conversations: renaming, muting, leaving or deleting them, members and roles.
  "PATCH /api/conversations/[id]": "messages:write",
  "DELETE /api/conversations/[id]": "messages:write",
  "POST /api/conversations/[id]/members": "messages:write",
  "PATCH /api/conversations/[id]/members/[userId]": "messages:write",
  "DELETE /api/conversations/[id]/members/[userId]": "messages:write",
  "POST /api/posts/[id]/share": "messages:write",
  "POST /api/media": "messages:write",
  "POST /api/media/[id]/played": "messages:write",
  "PATCH /api/messages/[id]": "messages:write",
  "DELETE /api/messages/[id]": "messages:write",
  "PUT /api/messages/[id]/reaction": "messages:write",
  "DELETE /api/messages/[id]/reaction": "messages:write",
  "POST /api/rooms/[id]/topics/[topicId]/messages": "messages:write",
  "POST /api/rooms/[id]/messages/[messageId]/reactions": "messages:write",
  "DELETE /api/rooms/[id]/messages/[messageId]/reactions": "messages:write",

  "PATCH /api/rooms/[id]": "rooms:moderate",
  "POST /api/rooms/[id]/topics": "rooms:moderate",
  "DELETE /api/rooms/[id]/messages/[messageId]": "rooms:moderate",
  "GET /api/rooms/[id]/bans": "rooms:moderate",
  "POST /api/rooms/[id]/bans": "rooms:moderate",
  "DELETE /api/rooms/[id]/bans/[userId]": "rooms:moderate",
  "POST /api/rooms/[id]/timeouts": "rooms:moderate",
  "POST /api/rooms/[id]/moderators": "rooms:moderate",
  "DELETE /api/rooms/[id]/moderators/[userId]": "rooms:moderate",
  "GET /api/rooms/[id]/reports": "rooms:moderate",
  "GET /api/rooms/[id]/moderation-log": "rooms:moderate",

  // A bot registers and watches its own webhooks (src/domain/webhooks).
  "GET /api/webhooks": "webhooks:manage",
  "POST /api/webhooks": "webhooks:manage",
  "DELETE /api/webhooks/[id]": "webhooks:manage",
  "POST /api/webhooks/[id]/enable": "webhooks:manage",
  "GET /api/webhooks/[id]/deliveries": "webhooks:manage",
};

const compiled = Object.entries(ROUTE_SCOPES).map(([key, access]) => {
  const [method, pattern] = key.split(" ");
  const segments = pattern.split("/");
  const params = segments.filter((s) => s.startsWith("[")).length;
  const regex = new RegExp(`^${segments.map((s) => (s.startsWith("[") ? "[^/]+" : s.replace(/[.*+?^${}()|\\]/g, "\\$&"))).join("/")}/?$`);
  return { method, regex, params, access };
});

/** The scope a request needs: the matching entry with the fewest parameters (literal segments win), else "full". */
export function routeAccess(method: string, pathname: string): Access {
  const m = method === "HEAD" ? "GET" : method;
  let best: { params: number; access: Access } | null = null;
  for (const entry of compiled) {
    if (entry.method !== m || !entry.regex.test(pathname)) continue;
    if (!best || entry.params < best.params) best = entry;
  }
  return best?.access ?? "full";
}

/** Whether a login with these scopes (null: a browser session or password token, which has every right) may do what needs `need`. */
export function scopeAllows(granted: readonly TokenScope[] | null, need: Access): boolean {
  if (granted === null) return true;
  return need !== "full" && granted.includes(need);
}

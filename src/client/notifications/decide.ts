// What a new message should become: a browser notification (only while the tab is
// hidden, never for muted chats, no preview for message requests) and a polite
// announcement for screen readers. Pure: the component around it supplies the facts.

export interface IncomingMessage {
  id: string;
  conversationId: string;
  senderId: string;
  kind: string;
  text?: string;
  media?: { kind: string }[];
  deletedAt?: string;
}

export interface ConversationFacts {
  kind: string;
  title: string | null;
  /** "request": a message request the reader has not accepted. */
  state: string;
  muted?: boolean;
  members: { id: string; displayName: string }[];
}

export interface NotifyEnvironment {
  me: string;
  /** The user turned notifications on in settings. */
  enabled: boolean;
  permission: NotificationPermission | "unsupported";
  hidden: boolean;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface NotificationText {
  title: string;
  body: string;
  /** One notification per conversation: a newer one replaces the older. */
  tag: string;
  conversationId: string;
}

const PREVIEW_MAX = 120;

/** Whether a message deserves any attention at all: someone else's, visible, not muted. */
function isNews(message: IncomingMessage, conversation: ConversationFacts | undefined, me: string): boolean {
  return message.senderId !== me && message.kind !== "system" && !message.deletedAt && !conversation?.muted;
}

const senderName = (message: IncomingMessage, conversation: ConversationFacts | undefined, t: Translate) => conversation?.members.find((m) => m.id === message.senderId)?.displayName ?? t("someone");

/** A one-line preview in the reader's language. */
export function previewOf(message: IncomingMessage, t: Translate): string {
  const media = message.media ?? [];
  if (message.kind === "voice") return t("voice");
  if (message.kind === "post") return message.text?.trim() ? clip(message.text) : t("post");
  if (media.length > 1) return t("photos", { count: media.length });
  if (media.length === 1) return media[0].kind === "video" ? t("video") : t("photo");
  return clip(message.text ?? "");
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > PREVIEW_MAX ? `${oneLine.slice(0, PREVIEW_MAX - 1)}…` : oneLine;
}

/** The browser notification for a new message, or null when none should be shown. */
export function notificationFor(message: IncomingMessage, conversation: ConversationFacts | undefined, env: NotifyEnvironment, t: Translate): NotificationText | null {
  if (!env.enabled || env.permission !== "granted" || !env.hidden) return null;
  if (!isNews(message, conversation, env.me)) return null;
  const name = senderName(message, conversation, t);
  const tag = `conversation:${message.conversationId}`;
  if (conversation?.state === "request") {
    // A stranger's words are not shown on a lock screen before the reader accepts.
    return { title: t("requestTitle"), body: t("requestBody", { name }), tag, conversationId: message.conversationId };
  }
  const title = conversation?.kind === "group" && conversation.title ? t("newMessageInGroup", { name, group: conversation.title }) : t("newMessageFrom", { name });
  return { title, body: previewOf(message, t), tag, conversationId: message.conversationId };
}

/**
 * The in-app notice ("New message from Ana", a click opens the chat) while the reader is
 * in the app but not in that chat; never for muted chats; no preview for requests.
 */
export function noticeFor(
  message: IncomingMessage,
  conversation: ConversationFacts | undefined,
  env: { me: string; hidden: boolean; openConversationId: string | null },
  t: Translate,
): NotificationText | null {
  if (env.hidden || env.openConversationId === message.conversationId) return null;
  if (!isNews(message, conversation, env.me)) return null;
  const name = senderName(message, conversation, t);
  const tag = `conversation:${message.conversationId}`;
  if (conversation?.state === "request") return { title: t("requestTitle"), body: t("requestBody", { name }), tag, conversationId: message.conversationId };
  const title = conversation?.kind === "group" && conversation.title ? t("noticeInGroup", { name, group: conversation.title }) : t("noticeFrom", { name });
  return { title, body: previewOf(message, t), tag, conversationId: message.conversationId };
}

/** What a screen reader hears (politely) for a new message, or null. Requests: no preview. */
export function announcementFor(message: IncomingMessage, conversation: ConversationFacts | undefined, me: string, t: Translate): string | null {
  if (!isNews(message, conversation, me)) return null;
  const name = senderName(message, conversation, t);
  if (conversation?.state === "request") return t("requestBody", { name });
  return t("announce", { name, preview: previewOf(message, t) });
}

/** "(3) Murmur": the unread count in front of the page's own title. */
export function titleWithUnread(title: string, unread: number): string {
  const bare = title.replace(/^\(\d+\+?\) /, "");
  if (unread <= 0) return bare;
  return `(${unread > 99 ? "99+" : unread}) ${bare}`;
}

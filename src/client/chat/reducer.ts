// The one place the chat state changes: a pure function of (state, event). Server pushes
// and fetch results go through the same door, so state built from events can be compared
// with state built from a fresh fetch.
import { lastContiguousSeq, mergeMessages, replaceMessage } from "./message-map";
import type { ChatEvent, ChatState, ConversationView, MemberView, MessageView } from "./types";

export function emptyState(me: string): ChatState {
  return { me, conversations: {}, messages: {}, hasOlder: {}, typing: {}, inboxLoaded: false };
}

export function reduce(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case "message:new":
      return withoutTyping(addMessages(state, event.message.conversationId, [event.message], true), event.message.conversationId, event.message.senderId);
    case "message:updated":
      return updateMessage(state, event.message);
    case "media:played":
      return markPlayed(state, event);
    case "messages:fetched": {
      const next = addMessages(state, event.conversationId, event.messages, false);
      if (event.olderExhausted === undefined) return next;
      return { ...next, hasOlder: { ...next.hasOlder, [event.conversationId]: !event.olderExhausted } };
    }
    case "read":
      return markRead(state, event.conversationId, event.userId, event.seq);
    case "typing": {
      if (event.userId === state.me) return state;
      const current = state.typing[event.conversationId] ?? {};
      return { ...state, typing: { ...state.typing, [event.conversationId]: { ...current, [event.userId]: event.until } } };
    }
    case "conversation:new":
      return putConversation(state, event.conversation);
    case "conversation:updated": {
      const existing = state.conversations[event.conversation.id];
      if (!existing) return state; // not mine (yet): the inbox fetch after it will bring it
      return putConversation(state, { ...existing, ...event.conversation });
    }
    case "conversation:removed": {
      const { [event.conversationId]: _gone, ...conversations } = state.conversations;
      const { [event.conversationId]: _messages, ...messages } = state.messages;
      return { ...state, conversations, messages };
    }
    case "inbox:fetched": {
      const conversations: Record<string, ConversationView> = {};
      for (const c of event.conversations) conversations[c.id] = notBehind(c, state.conversations[c.id]);
      return { ...state, conversations, inboxLoaded: true };
    }
  }
}

/**
 * A fetched view the server made before a message that was pushed since (the fetch was
 * on its way when it arrived) must not take that message back: the newer last message,
 * and the unread count it makes, stay.
 */
function notBehind(fetched: ConversationView, held: ConversationView | undefined): ConversationView {
  if (!held || held.lastSeq <= fetched.lastSeq) return fetched;
  return withUnread({
    ...fetched,
    lastSeq: held.lastSeq,
    lastMessage: held.lastMessage,
    lastMessageAt: held.lastMessageAt,
    lastReadSeq: Math.max(fetched.lastReadSeq, held.lastReadSeq),
  });
}

/** A member's message has landed: they are no longer typing it (the indicator goes at once). */
function withoutTyping(state: ChatState, conversationId: string, userId: string): ChatState {
  const current = state.typing[conversationId];
  if (!current || !(userId in current)) return state;
  const { [userId]: _done, ...rest } = current;
  return { ...state, typing: { ...state.typing, [conversationId]: rest } };
}

function putConversation(state: ChatState, conversation: ConversationView): ChatState {
  return { ...state, conversations: { ...state.conversations, [conversation.id]: conversation } };
}

/** Inserts messages by seq (message-map.ts); a live one also moves the conversation's view. */
function addMessages(state: ChatState, conversationId: string, incoming: MessageView[], live: boolean): ChatState {
  const held = state.messages[conversationId] ?? {};
  const merged = mergeMessages(held, incoming, live);
  const next = merged === held ? state : { ...state, messages: { ...state.messages, [conversationId]: merged } };
  const conversation = next.conversations[conversationId];
  if (!live || !conversation) return next;
  let updated = conversation;
  for (const m of incoming) updated = withNewMessage(updated, m, state.me);
  return updated === conversation ? next : putConversation(next, updated);
}

/**
 * What a new message does to a conversation's view, as the server computes it: it is the
 * last message, its sender has read up to it, and the viewer's unread count follows.
 */
function withNewMessage(conversation: ConversationView, message: MessageView, me: string): ConversationView {
  let updated = withMemberRead(conversation, message.senderId, message.seq);
  if (message.seq > conversation.lastSeq) {
    updated = { ...updated, lastSeq: message.seq, lastMessageAt: message.createdAt, lastMessage: message };
  }
  if (message.senderId === me) {
    // Sending reads the conversation, and replying to a request accepts it.
    updated = { ...updated, lastReadSeq: Math.max(conversation.lastReadSeq, message.seq), state: "active" };
    updated = { ...updated, members: updated.members.map((m) => (m.id === me && m.state === "request" ? { ...m, state: "accepted" } : m)) };
  }
  return withUnread(updated);
}

/** Messages after the viewer's read position (or after what they deleted). */
function withUnread(conversation: ConversationView): ConversationView {
  const from = Math.max(conversation.lastReadSeq, conversation.hiddenUpToSeq);
  const unreadCount = Math.max(0, conversation.lastSeq - from);
  return unreadCount === conversation.unreadCount ? conversation : { ...conversation, unreadCount };
}

/** A listener played a voice note: its media's playedBy gains them (once). */
function markPlayed(state: ChatState, event: { conversationId: string; messageId: string; mediaId: string; userId: string }): ChatState {
  const held = state.messages[event.conversationId];
  const entry = held && Object.entries(held).find(([, m]) => m.id === event.messageId);
  if (!entry) return state;
  const [seq, message] = entry;
  let changed = false;
  const media = message.media?.map((m) => {
    if (m.id !== event.mediaId || m.playedBy?.includes(event.userId)) return m;
    changed = true;
    return { ...m, playedBy: [...(m.playedBy ?? []), event.userId] };
  });
  if (!changed) return state;
  return { ...state, messages: { ...state.messages, [event.conversationId]: { ...held, [Number(seq)]: { ...message, media } } } };
}

/** An edit, reaction or unsend: the message, the inbox preview and the quotes of it change. */
function updateMessage(state: ChatState, message: MessageView): ChatState {
  const held = state.messages[message.conversationId];
  const replaced = held && replaceMessage(held, message);
  let next = replaced && replaced !== held ? { ...state, messages: { ...state.messages, [message.conversationId]: replaced } } : state;
  const conversation = next.conversations[message.conversationId];
  if (conversation?.lastMessage?.id === message.id) next = putConversation(next, { ...conversation, lastMessage: message });
  return next;
}

function markRead(state: ChatState, conversationId: string, userId: string, seq: number): ChatState {
  const conversation = state.conversations[conversationId];
  if (!conversation) return state;
  let updated = withMemberRead(conversation, userId, seq);
  if (userId === state.me && seq > conversation.lastReadSeq) updated = withUnread({ ...updated, lastReadSeq: seq });
  return updated === conversation ? state : putConversation(state, updated);
}

export function memberRead(conversation: ConversationView, userId: string): number {
  return conversation.members.find((m) => m.id === userId)?.lastReadSeq ?? 0;
}

function withMemberRead(conversation: ConversationView, userId: string, seq: number): ConversationView {
  if (!conversation.members.some((m) => m.id === userId && m.lastReadSeq < seq)) return conversation;
  const members = conversation.members.map((m: MemberView) => (m.id === userId && m.lastReadSeq < seq ? { ...m, lastReadSeq: seq } : m));
  return { ...conversation, members };
}

/**
 * Whether a conversation's latest page was loaded. Messages pushed before that (a chat
 * that got a message while the user was elsewhere) are not its history: opening it must
 * still load the page before them.
 */
export const historyLoaded = (state: ChatState, conversationId: string): boolean => conversationId in state.hasOlder;

/** Where catch-up starts (message-map.ts). */
export const lastSeqHeld = (state: ChatState, conversationId: string): number => lastContiguousSeq(state.messages[conversationId]);

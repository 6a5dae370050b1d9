import { describe, expect, it } from "vitest";
import { emptyState, historyLoaded, lastSeqHeld, reduce } from "./reducer";
import type { ChatEvent, ChatState, ConversationView, MessageView } from "./types";

const me = "me";
const other = "bo";

function message(seq: number, over: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${seq}`,
    conversationId: "c1",
    seq,
    clientId: `k${seq}`,
    senderId: other,
    kind: "text",
    text: `hi ${seq}`,
    reactions: [],
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    ...over,
  };
}

function conversation(over: Partial<ConversationView> = {}): ConversationView {
  return {
    id: "c1",
    kind: "direct",
    title: null,
    members: [
      { id: me, username: "me", displayName: "Me", avatarUrl: null, isBot: false, role: "member", state: "accepted", lastReadSeq: 0 },
      { id: other, username: "bo", displayName: "Bo", avatarUrl: null, isBot: false, role: "member", state: "accepted", lastReadSeq: 0 },
    ],
    createdById: other,
    lastMessage: null,
    lastSeq: 0,
    lastMessageAt: "2026-01-01T00:00:00.000Z",
    unreadCount: 0,
    state: "active",
    muted: false,
    lastReadSeq: 0,
    hiddenUpToSeq: 0,
    blocked: false,
    ...over,
  };
}

const run = (events: ChatEvent[], start: ChatState = emptyState(me)) => events.reduce(reduce, start);
const withInbox = () => run([{ type: "inbox:fetched", conversations: [conversation()] }]);
const seqs = (s: ChatState) => Object.keys(s.messages.c1 ?? {}).map(Number);

describe("the chat reducer", () => {
  it("keeps one message per seq however often it is pushed or fetched", () => {
    const s = run(
      [
        { type: "message:new", message: message(1) },
        { type: "message:new", message: message(1) },
        { type: "messages:fetched", conversationId: "c1", messages: [message(1), message(2)] },
      ],
      withInbox(),
    );
    expect(seqs(s)).toEqual([1, 2]);
    expect(s.conversations.c1.unreadCount).toBe(1); // the duplicate push was not counted twice
  });

  it("keeps a pushed message when an inbox fetch made before it arrives after it", () => {
    const stale = conversation({ lastSeq: 1, lastReadSeq: 1, unreadCount: 0, lastMessage: message(1) });
    const s = run([
      { type: "inbox:fetched", conversations: [stale] },
      { type: "message:new", message: message(2) },
      { type: "inbox:fetched", conversations: [stale] },
    ]);
    expect(s.conversations.c1).toMatchObject({ lastSeq: 2, unreadCount: 1, lastMessage: { seq: 2 } });
    // A fetch that knows more (I read it elsewhere) wins.
    const read = run([{ type: "inbox:fetched", conversations: [conversation({ lastSeq: 2, lastReadSeq: 2, unreadCount: 0, lastMessage: message(2) })] }], s);
    expect(read.conversations.c1).toMatchObject({ lastSeq: 2, unreadCount: 0 });
  });

  it("counts unread messages from others and clears them when I read or reply", () => {
    let s = run(
      [
        { type: "message:new", message: message(1) },
        { type: "message:new", message: message(2) },
      ],
      withInbox(),
    );
    expect(s.conversations.c1.unreadCount).toBe(2);
    expect(s.conversations.c1.lastMessage?.seq).toBe(2);
    s = reduce(s, { type: "read", conversationId: "c1", userId: me, seq: 1 });
    expect(s.conversations.c1.unreadCount).toBe(1);
    s = reduce(s, { type: "message:new", message: message(3, { senderId: me }) });
    expect(s.conversations.c1.unreadCount).toBe(0);
    expect(s.conversations.c1.members.find((m) => m.id === me)?.lastReadSeq).toBe(3);
  });

  it("takes a sender's message as read by them, and my reply as accepting a request", () => {
    const request = conversation({
      state: "request",
      lastSeq: 1,
      lastReadSeq: 0,
      unreadCount: 1,
      members: [
        { id: me, username: "me", displayName: "Me", avatarUrl: null, isBot: false, role: "member", lastReadSeq: 0, state: "request" },
        { id: other, username: "bo", displayName: "Bo", avatarUrl: null, isBot: false, role: "member", state: "accepted", lastReadSeq: 1 },
      ],
    });
    let s = run([
      { type: "inbox:fetched", conversations: [request] },
      { type: "message:new", message: message(2) },
    ]);
    expect(s.conversations.c1).toMatchObject({ lastSeq: 2, unreadCount: 2, lastMessageAt: message(2).createdAt });
    expect(s.conversations.c1.members.find((m) => m.id === other)?.lastReadSeq).toBe(2);
    s = reduce(s, { type: "message:new", message: message(3, { senderId: me }) });
    expect(s.conversations.c1).toMatchObject({ state: "active", unreadCount: 0, lastReadSeq: 3 });
    expect(s.conversations.c1.members.find((m) => m.id === me)).toMatchObject({ state: "accepted", lastReadSeq: 3 });
  });

  it("records read receipts only forward", () => {
    let s = reduce(withInbox(), { type: "read", conversationId: "c1", userId: other, seq: 5 });
    s = reduce(s, { type: "read", conversationId: "c1", userId: other, seq: 3 });
    expect(s.conversations.c1.members.find((m) => m.id === other)?.lastReadSeq).toBe(5);
  });

  it("applies edits and unsends, and a stale fetch does not undo them", () => {
    const edited = message(1, { text: "better", editedAt: "2026-01-01T00:05:00.000Z" });
    let s = run(
      [
        { type: "message:new", message: message(1) },
        { type: "message:updated", message: edited },
      ],
      withInbox(),
    );
    expect(s.messages.c1[1].text).toBe("better");
    expect(s.conversations.c1.lastMessage?.text).toBe("better");
    s = reduce(s, { type: "messages:fetched", conversationId: "c1", messages: [message(1)] });
    expect(s.messages.c1[1].text).toBe("better");
  });

  it("finds where catch-up starts below a hole left by a missed push", () => {
    const s = run(
      [
        { type: "messages:fetched", conversationId: "c1", messages: [message(1), message(2), message(3)] },
        { type: "message:new", message: message(6) },
      ],
      withInbox(),
    );
    expect(lastSeqHeld(s, "c1")).toBe(3);
    const filled = reduce(s, { type: "messages:fetched", conversationId: "c1", messages: [message(4), message(5), message(6)] });
    expect(lastSeqHeld(filled, "c1")).toBe(6);
    expect(seqs(filled)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("does not count a pushed message the inbox fetch already counted", () => {
    const fetched = conversation({ lastMessage: message(2), unreadCount: 2 });
    const s = run([
      { type: "inbox:fetched", conversations: [fetched] },
      { type: "message:new", message: message(2) },
    ]);
    expect(s.conversations.c1.unreadCount).toBe(2);
  });

  it("updates the quotes of an edited or unsent message", () => {
    const reply = message(2, { replyToId: "m1", replyTo: { id: "m1", seq: 1, senderId: other, kind: "text", text: "hi 1" } });
    let s = run([{ type: "messages:fetched", conversationId: "c1", messages: [message(1), reply] }], withInbox());
    s = reduce(s, { type: "message:updated", message: message(1, { text: "x".repeat(300), editedAt: "2026-01-01T00:01:00.000Z" }) });
    expect(s.messages.c1[2].replyTo).toMatchObject({ text: "x".repeat(200) });
    s = reduce(s, { type: "message:updated", message: message(1, { text: undefined, deletedAt: "2026-01-01T00:02:00.000Z" }) });
    expect(s.messages.c1[2].replyTo).toEqual({ id: "m1", seq: 1, senderId: other, kind: "text", deletedAt: "2026-01-01T00:02:00.000Z" });
  });

  it("keeps a quote of a message from before one joined hidden, whatever arrives about that message", () => {
    const reply = message(5, { replyToId: "m1", replyTo: { id: "m1", hidden: "before_join" } });
    let s = run([{ type: "messages:fetched", conversationId: "c1", messages: [reply] }], withInbox());
    s = reduce(s, { type: "message:updated", message: message(1, { text: "old text", editedAt: "2026-01-01T00:01:00.000Z" }) });
    expect(s.messages.c1[5].replyTo).toEqual({ id: "m1", hidden: "before_join" });
  });

  it("merges conversation updates and drops removed conversations", () => {
    let s = reduce(withInbox(), { type: "conversation:updated", conversation: { id: "c1", title: "Weekend", muted: true } });
    expect(s.conversations.c1).toMatchObject({ title: "Weekend", muted: true, kind: "direct" });
    s = reduce(s, { type: "conversation:updated", conversation: { id: "unknown", title: "x" } });
    expect(s.conversations.unknown).toBeUndefined();
    s = reduce(s, { type: "conversation:removed", conversationId: "c1" });
    expect(s.conversations.c1).toBeUndefined();
  });

  it("ignores my own typing and remembers when others stop", () => {
    let s = reduce(withInbox(), { type: "typing", conversationId: "c1", userId: me, until: 10 });
    expect(s.typing.c1).toBeUndefined();
    s = reduce(s, { type: "typing", conversationId: "c1", userId: other, until: 10 });
    expect(s.typing.c1).toEqual({ [other]: 10 });
  });
  it("clears the sender's typing indicator when their message arrives, and only theirs", () => {
    const third = "cy";
    let s = run(
      [
        { type: "typing", conversationId: "c1", userId: other, until: 10_000 },
        { type: "typing", conversationId: "c1", userId: third, until: 10_000 },
      ],
      withInbox(),
    );
    s = reduce(s, { type: "message:new", message: message(1) });
    expect(s.typing.c1).toEqual({ [third]: 10_000 });
    // A message from someone not typing leaves the state's typing untouched.
    const before = s.typing;
    s = reduce(s, { type: "message:new", message: message(2, { senderId: me }) });
    expect(s.typing).toBe(before);
  });
  it("marks a voice note played by a listener once (media:played), as a fresh fetch would show it", () => {
    const voice = {
      id: "v1",
      kind: "voice",
      mime: "audio/mp4",
      width: null,
      height: null,
      durationMs: 1000,
      url: "/api/media/v1",
      thumbnailUrl: null,
      placeholder: null,
      waveform: [],
      playedBy: [],
      altText: null,
    };
    let s = run([{ type: "messages:fetched", conversationId: "c1", messages: [message(1, { senderId: me, kind: "voice", text: undefined, media: [voice] })] }], withInbox());
    const played = { type: "media:played", conversationId: "c1", messageId: "m1", mediaId: "v1", userId: other } as const;
    s = reduce(s, played);
    expect(s.messages.c1[1].media?.[0].playedBy).toEqual([other]);
    expect(reduce(s, played)).toBe(s);
    expect(reduce(s, { ...played, messageId: "unknown" })).toBe(s);
  });

  it("a push before the first load is not the history: the chat counts as loaded only once its latest page came, with what came before", () => {
    // The user is elsewhere (the inbox) when message 6 arrives in a chat never opened in this page.
    let s = run([{ type: "message:new", message: message(6) }], withInbox());
    expect(seqs(s)).toEqual([6]);
    expect(historyLoaded(s, "c1")).toBe(false);
    // Opening it fetches the latest page; it brings 1-6 and the earlier history stays.
    s = reduce(s, { type: "messages:fetched", conversationId: "c1", messages: [1, 2, 3, 4, 5, 6].map((n) => message(n)), olderExhausted: true });
    expect(seqs(s)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(historyLoaded(s, "c1")).toBe(true);
    expect(s.hasOlder.c1).toBe(false);
    // A catch-up page (after a seq) is not a page load: it does not mark the history loaded.
    const caughtUp = reduce(run([{ type: "message:new", message: message(9) }], withInbox()), { type: "messages:fetched", conversationId: "c1", messages: [message(10)] });
    expect(historyLoaded(caughtUp, "c1")).toBe(false);
  });
});

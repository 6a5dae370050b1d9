import { describe, expect, it } from "vitest";
import type { MemberView, RoomView } from "@/shared/room-views";
import type { MessageView } from "@/shared/views";
import { needsRoomFetch, reduceRoom, roomState } from "./reducer";

const person = (id: string) => ({ id, username: id, displayName: id.toUpperCase(), avatarUrl: null, isBot: false });
const member = (id: string, role: MemberView["role"] = "member", joinedAt = "2026-01-01T00:00:00.000Z"): MemberView => ({ ...person(id), role, joinedAt });
const room: RoomView = {
  id: "r1",
  name: "Room",
  description: "",
  pictureUrl: null,
  audience: "both",
  slowModeSeconds: 0,
  creator: person("cre"),
  memberCount: 2,
  createdAt: "2026-01-01T00:00:00.000Z",
  myRole: "moderator",
  inviteCode: "secret",
};
const seed = () => roomState("me", { room, topics: [], members: [member("cre", "creator"), member("me", "moderator")], announcements: [] });
const message = (seq: number, text: string): MessageView => ({
  id: `m${seq}`,
  conversationId: "c1",
  seq,
  clientId: `c${seq}`,
  senderId: "cre",
  kind: "text",
  text,
  reactions: [],
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("the room reducer", () => {
  it("ignores another room's pushes", () => {
    const state = seed();
    expect(reduceRoom(state, { event: "room:member:left", payload: { roomId: "other", userId: "cre" } })).toBe(state);
  });

  it("keeps the count equal to the member list, and a leaver's name on their messages", () => {
    let state = reduceRoom(seed(), { event: "room:member:joined", payload: { roomId: "r1", member: member("ann", "member", "2026-01-02T00:00:00.000Z") } });
    state = reduceRoom(state, { event: "room:member:joined", payload: { roomId: "r1", member: member("ann", "member", "2026-01-02T00:00:00.000Z") } });
    expect(state.room.memberCount).toBe(3);
    state = reduceRoom(state, { event: "room:member:left", payload: { roomId: "r1", userId: "ann" } });
    expect(state.room.memberCount).toBe(2);
    expect(state.authors.ann?.displayName).toBe("ANN");
    expect(state.closed).toBeNull();
  });

  it("a dismissed moderator loses the invite link; one made staff fetches it", () => {
    const dismissed = reduceRoom(seed(), { event: "room:member:updated", payload: { roomId: "r1", membership: { roomId: "r1", userId: "me", role: "member", joinedAt: room.createdAt } } });
    expect(dismissed.room.myRole).toBe("member");
    expect(dismissed.room.inviteCode).toBeUndefined();
    const promote = { event: "room:member:updated", payload: { roomId: "r1", membership: { roomId: "r1", userId: "me", role: "moderator", joinedAt: room.createdAt } } } as const;
    expect(needsRoomFetch(dismissed, promote)).toBe(true);
    expect(needsRoomFetch(dismissed, { ...promote, payload: { ...promote.payload, membership: { ...promote.payload.membership, userId: "cre" } } })).toBe(false);
  });

  it("a ban of the viewer closes the room; a duplicate push changes nothing; an edit wins over an older fetch", () => {
    let state = reduceRoom(seed(), { event: "room:message:new", payload: { roomId: "r1", topicId: "t1", message: message(1, "hi") } });
    expect(reduceRoom(state, { event: "room:message:new", payload: { roomId: "r1", topicId: "t1", message: message(1, "hi") } })).toBe(state);
    const edited = { ...message(1, "hi!"), editedAt: "2026-01-01T00:01:00.000Z" };
    state = reduceRoom(state, { event: "room:message:updated", payload: { roomId: "r1", topicId: "t1", message: edited } });
    state = reduceRoom(state, { event: "messages:fetched", topicId: "t1", messages: [message(1, "hi")], authors: [] });
    expect(state.messages.t1[1].text).toBe("hi!");
    state = reduceRoom(state, { event: "room:member:banned", payload: { roomId: "r1", userId: "me" } });
    expect(state.closed).toBe("banned");
  });
});

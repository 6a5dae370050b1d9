// Fixtures for the tests of room membership ending: a creator's target room, a control
// room of the same creator and a room of another creator, the same fans in all three;
// and a real drop and a reconnect that presents the old session, as Socket.IO's client does.
import type { Socket } from "socket.io-client";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import type { TestUser } from "./api";
import { createCreator, createFans, type BulkFan } from "./rooms";
import type { TestServer } from "./server";
import { nextEvent } from "./socket";

export interface FixtureRoom {
  id: string;
  topicId: string;
  creator: TestUser;
}

export interface RoomsFixture {
  creator: TestUser;
  /** A moderator of the target room (a fan of the creator). */
  mod: BulkFan;
  fans: BulkFan[];
  /** The room the tests attack, its creator's second room, and another creator's room. */
  target: FixtureRoom;
  control: FixtureRoom;
  other: FixtureRoom;
  /** The room's creator posts `text` in its general topic over HTTP. */
  post(room: FixtureRoom, text: string): Promise<void>;
}

async function createRoom(creator: TestUser, audience: string, name: string): Promise<FixtureRoom> {
  const res = await creator.api.post("/api/rooms", { name, audience });
  expect(res.status).toBe(201);
  const topicId = (await creator.api.get(`/api/rooms/${res.body.room.id}/topics`)).body.topics[0].id as string;
  return { id: res.body.room.id, topicId, creator };
}

/**
 * `fanCount` fans (subscribers, fan-club members or both of the creator, and subscribers
 * of the other creator) joined in all three rooms, and a moderator in the target room.
 */
export async function roomWithFans(
  server: TestServer,
  db: Db,
  fanCount: number,
  options: { as?: "subscriber" | "fan" | "both"; audience?: "subscribers" | "fanclub" | "both" } = {},
): Promise<RoomsFixture> {
  const [creator, otherCreator] = await Promise.all([createCreator(server, db), createCreator(server, db)]);
  const target = await createRoom(creator, options.audience ?? "both", "Target");
  const control = await createRoom(creator, "both", "Control");
  const other = await createRoom(otherCreator, "subscribers", "Other");
  const [mod, ...fans] = await createFans(server, db, creator.id, fanCount + 1, { as: options.as ?? "both" });
  await db.subscription.createMany({ data: [mod, ...fans].map((f) => ({ subscriberId: f.id, creatorId: otherCreator.id })) });
  for (const f of [mod, ...fans]) {
    for (const room of [target, control, other]) expect((await f.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
  }
  expect((await creator.api.post(`/api/rooms/${target.id}/moderators`, { userId: mod.id })).status).toBe(200);
  let n = 0;
  const post = async (room: FixtureRoom, text: string) => {
    const res = await room.creator.api.post(`/api/rooms/${room.id}/topics/${room.topicId}/messages`, { clientId: `p${++n}-${Date.now()}`, text });
    expect(res.status).toBe(201);
  };
  return { creator, mod, fans, target, control, other, post };
}

/**
 * Posts in `room` until the socket receives it: proves the socket is live and in that
 * room's channel (a fresh socket joins its rooms shortly after connecting).
 */
export async function syncOn(f: RoomsFixture, socket: Socket, room: FixtureRoom): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const text = `sync ${attempt} ${Math.random()}`;
    await f.post(room, text);
    try {
      await nextEvent(socket, "room:message:new", (e) => e.message.text === text, 500);
      return;
    } catch {
      // not joined yet: try again
    }
  }
  throw new Error(`the socket never received a message of room ${room.id}`);
}

/**
 * How long the server is given to handle a transport close before a test reconnects (a
 * server with connection-state recovery saves the session then). It says nothing outward
 * (no event, no log line): with nothing to wait on, this stays a fixed allowance.
 */
export const SERVER_SEES_THE_CLOSE_MS = 150;

/**
 * Closes the socket's transport (the server sees "transport close"), runs `whileAway`, then
 * reconnects: the client sends its old session id and last offset, which a server with
 * connection-state recovery would resume; Murmur's connects it afresh.
 */
export async function dropAndResume(socket: Socket, whileAway: () => Promise<void>): Promise<void> {
  const dropped = new Promise((resolve) => socket.once("disconnect", resolve));
  socket.io.engine.close();
  await dropped; // the server sees its transport close
  await new Promise((resolve) => setTimeout(resolve, SERVER_SEES_THE_CLOSE_MS)); // the server handles the close
  await whileAway();
  const back = new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(undefined));
    socket.once("connect_error", reject);
  });
  socket.connect();
  await back;
}

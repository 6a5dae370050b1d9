// Test helpers for conversations: direct database access for what other capabilities own
// (follows, posts, uploads), and small shortcuts over the API.
import crypto from "node:crypto";
import { createDb, type Db } from "@/db/client";
import type { TestServer } from "./server";
import type { TestUser } from "./api";

const open = new Map<string, Db>();

/** A Prisma client on the test server's database (closed by closeDbs). */
export function serverDb(server: TestServer): Db {
  let db = open.get(server.database.url);
  if (!db) {
    db = createDb(server.database.url);
    open.set(server.database.url, db);
  }
  return db;
}

export async function closeDbs(): Promise<void> {
  for (const db of open.values()) await db.$disconnect();
  open.clear();
}

export async function follow(db: Db, follower: { id: string }, followee: { id: string }) {
  await db.follow.upsert({
    where: { followerId_followeeId: { followerId: follower.id, followeeId: followee.id } },
    create: { followerId: follower.id, followeeId: followee.id },
    update: {},
  });
}

export async function befriend(db: Db, a: { id: string }, b: { id: string }) {
  await follow(db, a, b);
  await follow(db, b, a);
}

export async function setDmPolicy(db: Db, user: { id: string }, dmPolicy: "everyone" | "friends" | "nobody" | null) {
  await db.user.update({ where: { id: user.id }, data: { dmPolicy } });
}

export async function makePost(db: Db, creator: { id: string }, title = "A post") {
  return db.post.create({ data: { creatorId: creator.id, kind: "image", title, mediaUrl: "/p.jpg", thumbnailUrl: "/p-thumb.jpg" } });
}

/** An uploaded, unattached photo/video/voice note, as POST /api/media would leave it. */
export async function fakeUpload(db: Db, owner: { id: string }, conversationId: string, kind: "image" | "video" | "voice" = "image") {
  return db.media.create({
    data: {
      ownerId: owner.id,
      conversationId,
      kind,
      mime: kind === "image" ? "image/webp" : kind === "video" ? "video/mp4" : "audio/mp4",
      bytes: 1000,
      width: kind === "voice" ? null : 100,
      height: kind === "voice" ? null : 100,
      durationMs: kind === "image" ? null : 3000,
      storageKey: `test/${crypto.randomUUID()}`,
      waveform: kind === "voice" ? Array.from({ length: 64 }, () => 0.5) : undefined,
    },
  });
}

export const cid = (prefix = "c") => `${prefix}-${crypto.randomUUID()}`;

/** Starts a 1:1 with a text message; expects success. */
export async function startDirect(from: TestUser, to: { id: string }, text = "hi") {
  const res = await from.api.post("/api/conversations", { kind: "direct", userId: to.id, message: { clientId: cid(), text } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { conversation: any; message: any };
}

export async function startGroup(from: TestUser, members: { id: string }[], title = "Group", text = "hello all") {
  const res = await from.api.post("/api/conversations", { kind: "group", title, memberIds: members.map((m) => m.id), message: { clientId: cid(), text } });
  if (res.status !== 201) throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { conversation: any; message: any };
}

export async function send(user: TestUser, conversationId: string, body: Record<string, unknown>) {
  return user.api.post(`/api/conversations/${conversationId}/messages`, { clientId: cid(), ...body });
}

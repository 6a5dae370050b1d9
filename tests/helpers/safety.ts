// Helpers for the nudity filter's integration tests: coloured pictures that the test-only
// fixture classifier (MURMUR_CLASSIFIER=fixture) scores by colour, uploads over HTTP, and a
// look at what the server kept (rows in its database, files in its media directory).
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { createDb, type Db } from "@/db/client";
import { createUser, type ApiResponse, type TestUser } from "./api";
import { befriend, startDirect, startGroup } from "./chat";

/** Red scores as explicit, magenta as suggestive, black makes the classifier fail, the rest is neutral. */
export const COLOURS = { blocked: "#e01010", suggestive: "#e010e0", failing: "#000000", safe: "#1f8f4f" } as const;

export const colourJpeg = (colour: string, width = 320, height = 240) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

/** POST /api/media as the app sends it: multipart with conversationId and the other fields first, then the file. */
export async function uploadFile(
  user: TestUser,
  conversationId: string,
  bytes: Buffer,
  { name = "photo.jpg", type = "image/jpeg", fields = {} as Record<string, string | number> } = {},
): Promise<ApiResponse> {
  const form = new FormData();
  form.append("conversationId", conversationId);
  for (const [key, value] of Object.entries(fields)) form.append(key, String(value)); // e.g. video edits: trimStartMs, trimEndMs
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${user.api.baseUrl}/api/media`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** Every file under a directory (the server's MURMUR_MEDIA_DIR). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** A second Prisma client on the test server's database, to look at what it kept. */
export function inspectDb(url: string): Db {
  return createDb(url);
}

/** A new account of this age, with the nudity filter on (the default) or switched off (adults only). */
export async function filterPerson(baseUrl: string, age: number, filterOn = true): Promise<TestUser> {
  const user = await createUser(baseUrl, { age });
  if (!filterOn) {
    const res = await user.api.patch("/api/me/safety", { nudityFilter: false });
    if (res.status !== 200) throw new Error(`turning the filter off failed: ${res.status}`);
  }
  return user;
}

/** A conversation between these users, started over the API by the first (friends: no message request). */
export async function friendsConversation(db: Db, ...users: TestUser[]): Promise<string> {
  const [first, ...others] = users;
  for (const other of others) await befriend(db, first, other);
  const started = others.length > 1 ? await startGroup(first, others) : await startDirect(first, others[0]);
  return started.conversation.id;
}

// Nine photos of one message uploaded at the same time, as the composer sends them:
// the default upload quota lets all nine through, each is screened by the real nudity
// classifier (one worker, its queue takes them one after another), and the message
// carries all nine. Nothing is refused for coming at once.
import fsp from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import sharp from "sharp";
import { createDb, type Db } from "@/db/client";
import { UPLOADS, VISUALS } from "@/shared/limits";
import { createUser } from "../helpers/api";
import { fixtureDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let dir: string;

beforeAll(async () => {
  // The real classifier (MURMUR_CLASSIFIER unset) and the default quota.
  dir = fixtureDir();
  server = await startServer({ env: { MURMUR_MEDIA_DIR: path.join(dir, "media"), MURMUR_UPLOAD_TMP: path.join(dir, "tmp") } });
  db = createDb(server.database.url);
  for (let i = 0; i < 600 && !server.output().includes("nudity classifier ready"); i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

/** A scaled-down phone photo as the composer uploads it: 2048×1536, different for each i. */
const photo = (i: number) =>
  sharp({ create: { width: VISUALS.maxImageEdge, height: 1536, channels: 3, background: "#000", noise: { type: "gaussian", mean: 60 + i * 10, sigma: 30 } } })
    .jpeg({ quality: 90 })
    .toBuffer();

it(`takes ${VISUALS.maxPerMessage} uploads at once from one user within the default quota (${UPLOADS.perHour} an hour), screens each, and sends them as one message`, async () => {
  expect(UPLOADS.perHour).toBeGreaterThanOrEqual(VISUALS.maxPerMessage * 2);
  const [alice, bob] = await Promise.all([createUser(server.url), createUser(server.url)]);
  const conversationId = (await db.conversation.create({ data: { kind: "direct", createdById: alice.id, members: { create: [{ userId: alice.id }, { userId: bob.id }] } } })).id;
  expect((await alice.api.post(`/api/conversations/${conversationId}/messages`, { clientId: `hi-${conversationId}`, text: "hi" })).status).toBe(201);

  const files = await Promise.all(Array.from({ length: VISUALS.maxPerMessage }, (_, i) => photo(i)));
  const started = performance.now();
  const answers = await Promise.all(
    files.map(async (bytes, i) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), `IMG_${i}.jpg`);
      const res = await fetch(`${server.url}/api/media?conversationId=${conversationId}`, { method: "POST", headers: { authorization: `Bearer ${alice.token}` }, body: form });
      return { status: res.status, body: await res.json() };
    }),
  );
  const ms = performance.now() - started;
  for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
  console.log(`${VISUALS.maxPerMessage} uploads of 2048×1536 at once, screened: ${Math.round(ms)} ms (the machine may be busy)`);

  const ids: string[] = answers.map((a) => a.body.media.id);
  expect(new Set(ids).size).toBe(VISUALS.maxPerMessage);
  const rows = await db.media.findMany({ where: { id: { in: ids } }, select: { nudityScores: true, width: true } });
  expect(rows).toHaveLength(VISUALS.maxPerMessage);
  for (const row of rows) {
    expect(row.nudityScores).not.toBeNull(); // bob has the filter on (the default): each was classified
    expect(row.width).toBe(VISUALS.maxImageEdge);
  }

  const sent = await alice.api.post(`/api/conversations/${conversationId}/messages`, { clientId: `nine-${conversationId}`, mediaIds: ids });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  expect(sent.body.message.media.map((m: { id: string }) => m.id)).toEqual(ids);
}, 120_000);

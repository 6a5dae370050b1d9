// The nudity filter looks at every frame a viewer can see, through HTTP and the socket on
// the real built server, with the test-only colour classifier (red scores as explicit):
// animations whose first frame is harmless, red moments between sampling points, a red
// poster, and the trimmed clip (what is stored is what is screened).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { TestUser } from "../helpers/api";
import { befriend, cid, send } from "../helpers/chat";
import * as fx from "../helpers/media";
import { COLOURS, filterPerson, friendsConversation, inspectDb, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-frames-media-"));
const fixtures = fx.fixtureDir();
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture", MURMUR_MEDIA_DIR: mediaDir } });
  db = inspectDb(server.database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  fs.rmSync(mediaDir, { recursive: true, force: true });
  fs.rmSync(fixtures, { recursive: true, force: true });
});

const person = (age: number, filterOn = true) => filterPerson(server.url, age, filterOn);

const conversationOf = (...users: TestUser[]) => friendsConversation(db, ...users);

const calm = COLOURS.safe;
const red = COLOURS.blocked;
const video = (name: string, segments: [string, number][]) => fs.readFileSync(fx.colourVideo(path.join(fixtures, name), segments));
const asVideo = { name: "clip.mp4", type: "video/mp4" };

/** A visual as an attacker crafts it: harmless where the old filter looked, red where it did not. */
interface Visual {
  what: string;
  bytes: () => Promise<Buffer>;
  /** The same visual without its red part: it must pass, so a refusal above is the filter's doing. */
  harmless: () => Promise<Buffer>;
  file: { name: string; type: string };
}

const visuals: Visual[] = [
  {
    what: "an animated GIF whose first frame is harmless and a later one red",
    bytes: () => fx.animation("gif", [calm, "#2040c0", red, calm]),
    harmless: () => fx.animation("gif", [calm, "#2040c0", "#c0c020", calm]),
    file: { name: "funny.gif", type: "image/gif" },
  },
  {
    what: "an animated WebP whose first frame is harmless and a later one red",
    bytes: () => fx.animation("webp", [calm, "#2040c0", red, calm]),
    harmless: () => fx.animation("webp", [calm, "#2040c0", "#c0c020", calm]),
    file: { name: "funny.webp", type: "image/webp" },
  },
  {
    what: "a 10 s video red only from 0.8 s to 2.2 s",
    bytes: async () =>
      video("red-0.8-2.2.mp4", [
        ["green", 0.8],
        ["red", 1.4],
        ["green", 7.8],
      ]),
    harmless: async () =>
      video("blue-0.8-2.2.mp4", [
        ["green", 0.8],
        ["blue", 1.4],
        ["green", 7.8],
      ]),
    file: asVideo,
  },
  {
    what: "a 10 s video whose only red frame is the one its poster is taken from (1 s)",
    bytes: async () =>
      video("red-poster.mp4", [
        ["green", 1],
        ["red", 1 / 15],
        ["green", 9 - 1 / 15],
      ]),
    harmless: async () =>
      video("blue-poster.mp4", [
        ["green", 1],
        ["blue", 1 / 15],
        ["green", 9 - 1 / 15],
      ]),
    file: asVideo,
  },
];

const recipients = [
  { who: "a 17-year-old", make: () => person(17) },
  { who: "an adult who keeps the filter on", make: () => person(35, true) },
];

describe("POST /api/media screens every frame a protected recipient would see", () => {
  for (const visual of visuals) {
    for (const recipient of recipients) {
      it(`refuses ${visual.what}, sent to ${recipient.who}: 422 NUDITY_BLOCKED, nothing kept`, async () => {
        const sender = await person(30, false);
        const conversationId = await conversationOf(sender, await recipient.make());
        const res = await uploadFile(sender, conversationId, await visual.bytes(), visual.file);
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe("NUDITY_BLOCKED");
        expect(await db.media.count({ where: { ownerId: sender.id } })).toBe(0);

        const harmless = await uploadFile(sender, conversationId, await visual.harmless(), visual.file);
        expect(harmless.status).toBe(201);
      });
    }
  }
});

describe("sending to someone who joined after an unscreened upload", () => {
  for (const visual of visuals) {
    it(`refuses ${visual.what} over HTTP and the socket once a 17-year-old has joined; nothing is delivered`, async () => {
      const [a, b, c, teen] = [await person(30, false), await person(31, false), await person(32, false), await person(17)];
      const conversationId = await conversationOf(a, b, c);
      // Between adults with the filter off nothing is screened at upload.
      const viaHttp = await uploadFile(a, conversationId, await visual.bytes(), visual.file);
      const viaSocket = await uploadFile(a, conversationId, await visual.bytes(), visual.file);
      expect([viaHttp.status, viaSocket.status]).toEqual([201, 201]);

      await befriend(db, a, teen);
      expect((await a.api.post(`/api/conversations/${conversationId}/members`, { userIds: [teen.id] })).status).toBeLessThan(300);
      const [teenSocket, aSocket] = await Promise.all([connectSocket(server.url, teen.token), connectSocket(server.url, a.token)]);
      try {
        const res = await send(a, conversationId, { mediaIds: [viaHttp.body.media.id] });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe("NUDITY_BLOCKED");
        const ack = await emitWithAck(aSocket, "message:send", { conversationId, clientId: cid(), mediaIds: [viaSocket.body.media.id] }, 20_000);
        expect(ack).toMatchObject({ ok: false, error: { code: "NUDITY_BLOCKED" } });
        expect(await db.media.count({ where: { id: { in: [viaHttp.body.media.id, viaSocket.body.media.id] } } })).toBe(0);

        const text = await send(a, conversationId, { text: "never mind" });
        await nextEvent(teenSocket, "message:new", (p) => p.message.id === text.body.message.id);
        expect(drainEvents(teenSocket, "message:new").filter((p) => p.message.kind === "visual")).toEqual([]);
      } finally {
        teenSocket.close();
        aSocket.close();
      }
    });
  }

  it("refuses the red-middle video for an adult with the filter on who joined, and delivers its harmless twin", async () => {
    const [a, b, c, careful] = [await person(30, false), await person(31, false), await person(32, false), await person(40, true)];
    const conversationId = await conversationOf(a, b, c);
    const [bad, good] = [visuals[2].bytes, visuals[2].harmless];
    const badUpload = await uploadFile(a, conversationId, await bad(), asVideo);
    const goodUpload = await uploadFile(a, conversationId, await good(), asVideo);
    await befriend(db, a, careful);
    await a.api.post(`/api/conversations/${conversationId}/members`, { userIds: [careful.id] });
    const socket = await connectSocket(server.url, a.token);
    try {
      const ack = await emitWithAck(socket, "message:send", { conversationId, clientId: cid(), mediaIds: [badUpload.body.media.id] }, 20_000);
      expect(ack).toMatchObject({ ok: false, error: { code: "NUDITY_BLOCKED" } });
      const sent = await send(a, conversationId, { mediaIds: [goodUpload.body.media.id] });
      expect(sent.status).toBe(201);
    } finally {
      socket.close();
    }
  });
});

/** The mean colour of the stored poster (thumbnail) of a media row. */
async function posterColour(mediaId: string) {
  const row = await db.media.findUniqueOrThrow({ where: { id: mediaId } });
  const { channels } = await sharp(path.join(mediaDir, row.thumbnailKey!)).stats();
  return { r: channels[0].mean, g: channels[1].mean, b: channels[2].mean };
}

describe("a video's poster and trim", () => {
  it("drops a red cover picture embedded in the file: the poster is a screened frame of the clip", async () => {
    const clip = fx.colourVideo(path.join(fixtures, "calm.mp4"), [["green", 3]]);
    const cover = path.join(fixtures, "cover.png");
    await sharp({ create: { width: 320, height: 240, channels: 3, background: red } })
      .png()
      .toFile(cover);
    const withCover = path.join(fixtures, "with-cover.mp4");
    fx.ffmpegSync(["-i", clip, "-i", cover, "-map", "0", "-map", "1", "-c", "copy", "-c:v:1", "png", "-disposition:v:1", "attached_pic", withCover]);
    expect(fx.probeJson(withCover).streams.some((s) => s.disposition?.attached_pic === 1)).toBe(true);

    const [sender, teen] = [await person(30, false), await person(17)];
    const res = await uploadFile(sender, await conversationOf(sender, teen), fs.readFileSync(withCover), asVideo);
    expect(res.status).toBe(201);
    const row = await db.media.findUniqueOrThrow({ where: { id: res.body.media.id } });
    expect(fx.probeJson(path.join(mediaDir, row.storageKey)).streams.filter((s) => s.codec_type === "video")).toHaveLength(1);
    const poster = await posterColour(row.id);
    expect(poster.g).toBeGreaterThan(poster.r); // green, from the clip; not the red cover
  });

  // Red from 7.4 s to 7.9 s of 10 s: between the points the old five-frame sampling looked at in either cut.
  const redLate = () =>
    video("red-late.mp4", [
      ["green", 7.4],
      ["red", 0.5],
      ["green", 2.1],
    ]);

  it("screens the kept clip: red outside the kept range passes", async () => {
    const [sender, teen] = [await person(30, false), await person(17)];
    const res = await uploadFile(sender, await conversationOf(sender, teen), await redLate(), { ...asVideo, fields: { trimEndMs: 5000 } });
    expect(res.status).toBe(201);
    expect(res.body.media.durationMs).toBeLessThanOrEqual(5100);
    expect((await db.media.findUniqueOrThrow({ where: { id: res.body.media.id } })).nudityScores).toMatchObject({ neutral: 1 });
  });

  it("screens the kept clip: red inside the kept range is refused", async () => {
    const [sender, teen] = [await person(30, false), await person(17)];
    // A cut of the start is re-encoded in the background (202); its job screens the kept range and refuses it.
    const res = await uploadFile(sender, await conversationOf(sender, teen), await redLate(), { ...asVideo, fields: { trimStartMs: 5000, trimEndMs: 9000 } });
    expect(res.status).toBe(202);
    let row = await db.media.findUniqueOrThrow({ where: { id: res.body.media.id } });
    for (let i = 0; i < 300 && row.status === "processing"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await db.media.findUniqueOrThrow({ where: { id: row.id } });
    }
    expect(row).toMatchObject({ status: "failed", failureCode: "NUDITY_BLOCKED", thumbnailKey: null });
    expect((await sender.api.get(`/api/media/${row.id}`)).status).toBe(404);
  });
});

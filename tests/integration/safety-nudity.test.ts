// The nudity filter through HTTP on the real built server, with the test-only colour
// classifier (MURMUR_CLASSIFIER=fixture): red scores as explicit, magenta as suggestive,
// black makes the classifier fail. No explicit material anywhere.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { TestUser } from "../helpers/api";
import { befriend, cid, send } from "../helpers/chat";
import * as fx from "../helpers/media";
import { COLOURS, colourJpeg, filesUnder, filterPerson, friendsConversation, inspectDb, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-safety-media-"));
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

const mediaCount = (ownerId: string) => db.media.count({ where: { ownerId } });

const colourVideo = (name: string, segments: [string, number][]) => fs.readFileSync(fx.colourVideo(path.join(fixtures, name), segments));

describe("POST /api/media and the nudity filter", () => {
  it("refuses a 17-year-old's high-scoring photo with 422 NUDITY_BLOCKED and keeps nothing: no row, no file", async () => {
    const [teen, adult] = [await person(17), await person(30, false)];
    const conversationId = await conversationOf(teen, adult);
    const filesBefore = filesUnder(mediaDir).length;
    const res = await uploadFile(teen, conversationId, await colourJpeg(COLOURS.blocked));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("NUDITY_BLOCKED");
    expect(res.body.error.message).toMatch(/nudity/i);
    expect(await mediaCount(teen.id)).toBe(0);
    expect(filesUnder(mediaDir)).toHaveLength(filesBefore);
  });

  it("tells the sender kindly, in their language", async () => {
    const [teen, adult] = [await person(17), await person(30)];
    const conversationId = await conversationOf(teen, adult);
    const form = new FormData();
    form.append("conversationId", conversationId);
    form.append("file", new Blob([new Uint8Array(await colourJpeg(COLOURS.blocked))], { type: "image/jpeg" }), "p.jpg");
    const res = await fetch(`${server.url}/api/media`, { method: "POST", headers: { authorization: `Bearer ${teen.token}`, "accept-language": "de-DE" }, body: form });
    const body = await res.json();
    expect(body.error.code).toBe("NUDITY_BLOCKED");
    expect(body.error.message).toMatch(/Nacktheit/);
  });

  it("lets an adult with the filter off send to an adult with the filter off, without even classifying", async () => {
    const [a, b] = [await person(30, false), await person(41, false)];
    const conversationId = await conversationOf(a, b);
    const res = await uploadFile(a, conversationId, await colourJpeg(COLOURS.blocked));
    expect(res.status).toBe(201);
    const row = await db.media.findUniqueOrThrow({ where: { id: res.body.media.id } });
    expect(row.nudityScores).toBeNull();
    // The colour that makes the classifier fail goes through too: nothing was classified.
    expect((await uploadFile(a, conversationId, await colourJpeg(COLOURS.failing))).status).toBe(201);
  });

  it("checks what an adult with the filter off sends to a 17-year-old: blocked, or kept with its scores", async () => {
    const [adult, teen] = [await person(30, false), await person(17)];
    const conversationId = await conversationOf(adult, teen);
    const blocked = await uploadFile(adult, conversationId, await colourJpeg(COLOURS.blocked));
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe("NUDITY_BLOCKED");
    expect(await mediaCount(adult.id)).toBe(0);

    const safe = await uploadFile(adult, conversationId, await colourJpeg(COLOURS.safe));
    expect(safe.status).toBe(201);
    const row = await db.media.findUniqueOrThrow({ where: { id: safe.body.media.id } });
    expect(row.nudityScores).toMatchObject({ neutral: 1, porn: 0 });
  });

  it("checks for an adult recipient who keeps the filter on, and blocks the suggestive threshold too", async () => {
    const [sender, recipient] = [await person(30, false), await person(35, true)];
    const conversationId = await conversationOf(sender, recipient);
    const res = await uploadFile(sender, conversationId, await colourJpeg(COLOURS.suggestive));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("NUDITY_BLOCKED");
  });

  it("checks in a group when one member is 17", async () => {
    const [a, b, teen] = [await person(30, false), await person(31, false), await person(17)];
    const res = await uploadFile(a, await conversationOf(a, b, teen), await colourJpeg(COLOURS.blocked));
    expect(res.body.error?.code).toBe("NUDITY_BLOCKED");
  });

  it("refuses the visual when the classifier fails: 503 NUDITY_CHECK_FAILED, nothing kept", async () => {
    const [teen, adult] = [await person(16), await person(30)];
    const conversationId = await conversationOf(teen, adult);
    const res = await uploadFile(teen, conversationId, await colourJpeg(COLOURS.failing));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("NUDITY_CHECK_FAILED");
    expect(await mediaCount(teen.id)).toBe(0);
  });

  it("checks a video's frames: one that turns red at the very end is blocked", async () => {
    const [teen, adult] = [await person(17), await person(30)];
    const conversationId = await conversationOf(teen, adult);
    const bad = await uploadFile(
      teen,
      conversationId,
      colourVideo("end.mp4", [
        [COLOURS.safe.replace("#", "0x"), 3],
        ["red", 0.5],
      ]),
      { name: "v.mp4", type: "video/mp4" },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("NUDITY_BLOCKED");
    expect(await mediaCount(teen.id)).toBe(0);
    const good = await uploadFile(
      teen,
      conversationId,
      colourVideo("calm.mp4", [
        ["green", 3],
        ["blue", 0.5],
      ]),
      { name: "v.mp4", type: "video/mp4" },
    );
    expect(good.status).toBe(201);
    expect((await db.media.findUniqueOrThrow({ where: { id: good.body.media.id } })).nudityScores).toMatchObject({ neutral: 1 });
  });
});

describe("sending visuals and the nudity filter", () => {
  it("delivers a visual between adults who switched the filter off, over HTTP and the socket", async () => {
    const [a, b] = [await person(30, false), await person(41, false)];
    const conversationId = await conversationOf(a, b);
    const bSocket = await connectSocket(server.url, b.token);
    try {
      const upload = await uploadFile(a, conversationId, await colourJpeg(COLOURS.blocked));
      const sent = await send(a, conversationId, { mediaIds: [upload.body.media.id] });
      expect(sent.status).toBe(201);
      expect(sent.body.message).toMatchObject({ kind: "visual" });
      await nextEvent(bSocket, "message:new", (p) => p.message.id === sent.body.message.id);

      const viaSocket = await uploadFile(a, conversationId, await colourJpeg(COLOURS.suggestive));
      const aSocket = await connectSocket(server.url, a.token);
      const ack = await emitWithAck(aSocket, "message:send", { conversationId, clientId: cid(), mediaIds: [viaSocket.body.media.id] });
      aSocket.close();
      expect(ack.ok).toBe(true);
      await nextEvent(bSocket, "message:new", (p) => p.message.id === ack.message.id);
    } finally {
      bSocket.close();
    }
  });

  it("screens at send a visual uploaded unscreened before a 17-year-old joined: refused, deleted with its files, never delivered (HTTP)", async () => {
    const [a, b, c, teen] = [await person(30, false), await person(31, false), await person(32, false), await person(17)];
    const conversationId = await conversationOf(a, b, c);
    const upload = await uploadFile(a, conversationId, await colourJpeg(COLOURS.blocked));
    expect(upload.status).toBe(201);
    const row = await db.media.findUniqueOrThrow({ where: { id: upload.body.media.id } });
    expect(row.nudityScores).toBeNull();

    await befriend(db, a, teen);
    expect((await a.api.post(`/api/conversations/${conversationId}/members`, { userIds: [teen.id] })).status).toBeLessThan(300);
    const sockets = await Promise.all([b, teen].map((u) => connectSocket(server.url, u.token)));
    try {
      const filesBefore = filesUnder(mediaDir).length;
      const res = await send(a, conversationId, { mediaIds: [upload.body.media.id], text: "look" });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("NUDITY_BLOCKED");
      expect(await db.media.findUnique({ where: { id: row.id } })).toBeNull();
      expect(filesUnder(mediaDir).length).toBe(filesBefore - 2); // the file and its thumbnail
      expect(await db.message.count({ where: { conversationId, kind: "visual" } })).toBe(0);

      // A text afterwards is delivered, and it is the only new message anyone got.
      const text = await send(a, conversationId, { text: "sorry" });
      for (const socket of sockets) {
        await nextEvent(socket, "message:new", (p) => p.message.id === text.body.message.id);
        expect(drainEvents(socket, "message:new").filter((p) => p.message.kind === "visual")).toEqual([]);
      }
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it("does the same over the socket: the ack says NUDITY_BLOCKED and nothing is stored", async () => {
    const [a, b, c, teen] = [await person(30, false), await person(31, false), await person(32, false), await person(16)];
    const conversationId = await conversationOf(a, b, c);
    const upload = await uploadFile(a, conversationId, await colourJpeg(COLOURS.suggestive));
    await befriend(db, a, teen);
    await a.api.post(`/api/conversations/${conversationId}/members`, { userIds: [teen.id] });
    const socket = await connectSocket(server.url, a.token);
    try {
      const ack = await emitWithAck(socket, "message:send", { conversationId, clientId: cid(), mediaIds: [upload.body.media.id] });
      expect(ack).toMatchObject({ ok: false, error: { code: "NUDITY_BLOCKED" } });
      expect(await db.media.count({ where: { id: upload.body.media.id } })).toBe(0);
    } finally {
      socket.close();
    }
  });

  it("lets a safe visual through once screened at send, and stores its scores", async () => {
    const [a, b, c, teen] = [await person(30, false), await person(31, false), await person(32, false), await person(17)];
    const conversationId = await conversationOf(a, b, c);
    const upload = await uploadFile(a, conversationId, await colourJpeg(COLOURS.safe));
    await befriend(db, a, teen);
    await a.api.post(`/api/conversations/${conversationId}/members`, { userIds: [teen.id] });
    const res = await send(a, conversationId, { mediaIds: [upload.body.media.id] });
    expect(res.status).toBe(201);
    expect((await db.media.findUniqueOrThrow({ where: { id: upload.body.media.id } })).nudityScores).toMatchObject({ neutral: 1 });
  });

  it("a blocked user cannot message: 403 BLOCKED over HTTP and the socket", async () => {
    const [a, b] = [await person(30), await person(31)];
    const conversationId = await conversationOf(a, b);
    expect((await b.api.post(`/api/users/${a.id}/block`)).status).toBe(200);
    const res = await send(a, conversationId, { text: "hello?" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("BLOCKED");
    const socket = await connectSocket(server.url, a.token);
    try {
      expect(await emitWithAck(socket, "message:send", { conversationId, clientId: cid(), text: "hello?" })).toMatchObject({ ok: false, error: { code: "BLOCKED" } });
    } finally {
      socket.close();
    }
  });
});

// Alt text for photos and videos: an optional `altText` field of POST /api/media, kept
// with the media (at most VISUALS.altTextMax characters) and returned in the message view.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { VISUALS } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, send, startDirect } from "../helpers/chat";
import { COLOURS, colourJpeg } from "../helpers/safety";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

async function upload(user: TestUser, conversationId: string, altText?: string) {
  const form = new FormData();
  form.append("conversationId", conversationId);
  if (altText !== undefined) form.append("altText", altText);
  form.append("file", new Blob([new Uint8Array(await colourJpeg(COLOURS.safe))], { type: "image/jpeg" }), "p.jpg");
  const res = await fetch(`${server.url}/api/media`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

describe("alt text on POST /api/media", () => {
  it("keeps a photo's alt text and shows it to the recipient; blank means none; too long is 400 and keeps nothing", async () => {
    const [alice, bob] = await Promise.all([createUser(server.url), createUser(server.url)]);
    await befriend(db, alice, bob);
    const conversationId = (await startDirect(alice, bob)).conversation.id as string;

    const described = await upload(alice, conversationId, "  A green square on a sunny day  ");
    expect(described.status, JSON.stringify(described.body)).toBe(201);
    expect(described.body.media.altText).toBe("A green square on a sunny day");
    const blank = await upload(alice, conversationId, "   ");
    expect(blank.body.media.altText).toBeNull();
    expect((await upload(alice, conversationId)).body.media.altText).toBeNull();

    const sent = await send(alice, conversationId, { mediaIds: [described.body.media.id, blank.body.media.id] });
    expect(sent.status).toBe(201);
    const seen = (await bob.api.get(`/api/conversations/${conversationId}/messages`)).body.messages.find((m: { id: string }) => m.id === sent.body.message.id);
    expect(seen.media.map((m: { altText: string | null }) => m.altText)).toEqual(["A green square on a sunny day", null]);

    const before = await db.media.count({ where: { ownerId: alice.id } });
    const tooLong = await upload(alice, conversationId, "x".repeat(VISUALS.altTextMax + 1));
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(await db.media.count({ where: { ownerId: alice.id } })).toBe(before);
    expect((await upload(alice, conversationId, "y".repeat(VISUALS.altTextMax))).status).toBe(201);
  });
});

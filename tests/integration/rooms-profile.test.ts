// A creator's profile page (/u/:username) lists the creator's rooms the viewer may join,
// each with a Join button: for subscribers and fans in the room's audience, not for
// others, and no longer once joined.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createCreator, createFans } from "../helpers/rooms";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

async function profileHtml(token: string, username: string): Promise<string> {
  const res = await fetch(`${server.url}/u/${username}`, { headers: { authorization: `Bearer ${token}`, "accept-language": "en" } });
  expect(res.status).toBe(200);
  return res.text();
}

describe("joinable rooms on a creator's profile", () => {
  it("shows a subscriber the creator's subscriber room with Join, hides the fan-club room, and drops it once joined", async () => {
    const creator = await createCreator(server, db);
    const subs = await creator.api.post("/api/rooms", { name: "Subscribers lounge", audience: "subscribers" });
    const fans = await creator.api.post("/api/rooms", { name: "Fan club corner", audience: "fanclub" });
    expect([subs.status, fans.status]).toEqual([201, 201]);
    const [subscriber] = await createFans(server, db, creator.id, 1, { as: "subscriber" });
    const [stranger] = await createFans(server, db, (await createCreator(server, db)).id, 1);

    const html = await profileHtml(subscriber.token, creator.username);
    expect(html).toContain('data-testid="profile-joinable-rooms"');
    expect(html).toContain("Chat rooms you can join");
    expect(html).toContain("Subscribers lounge");
    expect(html).not.toContain("Fan club corner");
    expect(html).toMatch(/<button[^>]*>Join room<\/button>/);

    const other = await profileHtml(stranger.token, creator.username);
    expect(other).not.toContain("profile-joinable-rooms");
    expect(other).not.toContain("Subscribers lounge");

    expect((await subscriber.api.post(`/api/rooms/${subs.body.room.id}/join`)).status).toBe(200);
    expect(await profileHtml(subscriber.token, creator.username)).not.toContain("Subscribers lounge");
  });
});

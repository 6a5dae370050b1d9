// Reporting a room message: a member who can see it reports it (to the platform and to
// the room's staff); the creator and moderators list their room's reports. People who
// cannot see the message (outsiders, banned members) cannot report it, and nobody but
// the staff can read the room's reports.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { roomWithFans } from "../helpers/room-membership";
import { createFans } from "../helpers/rooms";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => {
  server = s;
  db = d;
});

async function setup() {
  const f = await roomWithFans(server, db, 3);
  const [author, reporter, banned] = f.fans;
  const sent = await author.api.post(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`, { clientId: "r-1", text: "buy my stuff" });
  expect(sent.status).toBe(201);
  return { f, author, reporter, banned, messageId: sent.body.message.id as string };
}

describe("reporting a room message", () => {
  it("only a member who can see it reports it; the creator and the moderators see it in the room's reports, plain members don't", async () => {
    const { f, author, reporter, banned, messageId } = await setup();
    // An outsider and a banned member cannot see the message, so cannot report it.
    const [outsider] = await createFans(server, db, f.creator.id, 1);
    expect((await f.creator.api.post(`/api/rooms/${f.target.id}/bans`, { userId: banned.id })).status).toBe(201);
    for (const who of [outsider, banned]) {
      const refused = await who.api.post(`/api/users/${author.id}/report`, { reason: "spam", messageId });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe("NOT_FOUND");
    }
    expect(await db.report.count({ where: { messageId } })).toBe(0);

    const res = await reporter.api.post(`/api/users/${author.id}/report`, { reason: "spam", messageId });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ reportedUserId: author.id, messageId, roomId: f.target.id, status: "open" });
    for (const staff of [f.creator, f.mod]) {
      const list = await staff.api.get(`/api/rooms/${f.target.id}/reports`);
      expect(list.status).toBe(200);
      expect(list.body.reports).toEqual([expect.objectContaining({ id: res.body.report.id, messageId, reason: "spam", reportedUser: expect.objectContaining({ id: author.id }) })]);
      expect(JSON.stringify(list.body)).not.toContain(reporter.id);
    }
    const asMember = await reporter.api.get(`/api/rooms/${f.target.id}/reports`);
    expect(asMember.status).toBe(403);
    expect(asMember.body.error.code).toBe("FORBIDDEN");
    // Another room's staff see nothing of it.
    expect((await f.other.creator.api.get(`/api/rooms/${f.other.id}/reports`)).body.reports).toEqual([]);
    expect((await f.other.creator.api.get(`/api/rooms/${f.target.id}/reports`)).status).toBe(404);
  });
});

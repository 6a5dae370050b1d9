// Subscriptions, the LIVE Fan Club and the creator settings, through HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { ROOMS } from "@/shared/limits";
import { createUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
beforeAll(async () => {
  server = await startServer();
  db = createDb(server.database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

describe("subscriptions and the fan club", () => {
  it("subscribing with subscriptions off is refused with NOT_AVAILABLE, and nothing is stored", async () => {
    const creator = await createUser(server.url);
    const fan = await createUser(server.url);
    for (const path of ["subscription", "fanclub"]) {
      const res = await fan.api.post(`/api/creators/${creator.id}/${path}`);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code, path).toBe("NOT_AVAILABLE");
    }
    await creator.api.patch("/api/me/creator", { fanClubEnabled: true });
    const stillOff = await fan.api.post(`/api/creators/${creator.id}/subscription`);
    expect(stillOff.body.error.code).toBe("NOT_AVAILABLE");
    expect(await db.subscription.count({ where: { creatorId: creator.id } })).toBe(0);
  });

  it("subscribe and join when on: idempotent, shown in the fan's relation and the creator's counts", async () => {
    const creator = await createUser(server.url);
    const fan = await createUser(server.url);
    await creator.api.patch("/api/me/creator", { subscriptionsEnabled: true, fanClubEnabled: true });
    expect((await fan.api.post(`/api/creators/${creator.id}/subscription`)).body).toEqual({ subscribed: true });
    expect((await fan.api.post(`/api/creators/${creator.id}/subscription`)).body).toEqual({ subscribed: true });
    expect((await fan.api.post(`/api/creators/${creator.id}/fanclub`)).body).toEqual({ fan: true });
    const profile = (await fan.api.get(`/api/users/${creator.username}`)).body.profile;
    expect(profile.relation).toMatchObject({ subscribed: true, fan: true });
    expect(profile.creator).toEqual({ subscriptionsEnabled: true, fanClubEnabled: true });
    expect((await creator.api.get("/api/me/creator")).body.counts).toMatchObject({ subscribers: 1, fanClubMembers: 1 });

    expect((await fan.api.delete(`/api/creators/${creator.id}/subscription`)).body).toEqual({ subscribed: false });
    expect((await fan.api.delete(`/api/creators/${creator.id}/fanclub`)).body).toEqual({ fan: false });
    expect((await fan.api.delete(`/api/creators/${creator.id}/fanclub`)).body).toEqual({ fan: false });
    expect((await creator.api.get("/api/me/creator")).body.counts).toMatchObject({ subscribers: 0, fanClubMembers: 0 });
  });

  it("switching an offer off stops new members and keeps the existing ones", async () => {
    const creator = await createUser(server.url);
    const early = await createUser(server.url);
    const late = await createUser(server.url);
    await creator.api.patch("/api/me/creator", { fanClubEnabled: true });
    await early.api.post(`/api/creators/${creator.id}/fanclub`);
    await creator.api.patch("/api/me/creator", { fanClubEnabled: false });
    expect((await late.api.post(`/api/creators/${creator.id}/fanclub`)).body.error.code).toBe("NOT_AVAILABLE");
    expect((await creator.api.get("/api/me/creator")).body.counts.fanClubMembers).toBe(1);
  });

  it("NOT_FOUND for an unknown creator; NOT_ALLOWED for your own audience", async () => {
    const creator = await createUser(server.url);
    await creator.api.patch("/api/me/creator", { subscriptionsEnabled: true });
    expect((await creator.api.post("/api/creators/nobody/subscription")).status).toBe(404);
    expect((await creator.api.post(`/api/creators/${creator.id}/subscription`)).body.error.code).toBe("NOT_ALLOWED");
    expect(await db.subscription.count({ where: { creatorId: creator.id } })).toBe(0);
  });
});

describe("GET/PATCH /api/me/creator", () => {
  it("starts with everything off and says what is missing for chat rooms", async () => {
    const teen = await createUser(server.url, { age: 17 });
    const res = await teen.api.get("/api/me/creator");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      settings: { subscriptionsEnabled: false, fanClubEnabled: false },
      counts: { followers: 0, following: 0, subscribers: 0, fanClubMembers: 0 },
      roomEligibility: {
        eligible: false,
        reasons: ["age", "followers", "subscriptionOrFanClub"],
        age: 17,
        followerCount: 0,
        requiredAge: ROOMS.creatorMinAge,
        requiredFollowers: ROOMS.creatorMinFollowers,
      },
    });
  });

  it("an adult with 10,000 followers becomes eligible by switching on subscriptions; 9,999 is not enough", async () => {
    const creator = await createUser(server.url, { age: 25 });
    await db.user.update({ where: { id: creator.id }, data: { followerCount: ROOMS.creatorMinFollowers - 1 } });
    const patched = await creator.api.patch("/api/me/creator", { subscriptionsEnabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body.settings).toEqual({ subscriptionsEnabled: true, fanClubEnabled: false });
    expect(patched.body.roomEligibility).toMatchObject({ eligible: false, reasons: ["followers"] });
    await db.user.update({ where: { id: creator.id }, data: { followerCount: ROOMS.creatorMinFollowers } });
    expect((await creator.api.get("/api/me/creator")).body.roomEligibility).toMatchObject({ eligible: true, reasons: [] });
  });

  it("bad input is VALIDATION_FAILED and changes nothing", async () => {
    const creator = await createUser(server.url);
    for (const body of [{}, { subscriptionsEnabled: "yes" }, { fanClubEnabled: 1 }]) {
      const res = await creator.api.patch("/api/me/creator", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await db.creatorProfile.count({ where: { userId: creator.id } })).toBe(0);
  });
});

// Under 18 the DM policy is "friends" or "nobody", never "everyone": refused when set,
// and a stored "everyone" (set before the rule, or while under 16) counts as "friends".
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { createUser, type TestUser } from "../helpers/api";
import { cid, setDmPolicy } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

const settingsOf = async (user: TestUser) => (await user.api.get("/api/me")).body.user.settings;
const storedPolicy = async (user: TestUser) => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).dmPolicy;

/** A stranger (no follows either way) tries to start a 1:1 with `to`. */
const strangerWrites = async (to: TestUser) => {
  const stranger = await createUser(server.url, { age: 30 });
  return stranger.api.post("/api/conversations", { kind: "direct", userId: to.id, message: { clientId: cid(), text: "hi there" } });
};

/** The day someone born `years` ago today was born ("YYYY-MM-DD"): they have their birthday today. */
const birthdayToday = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

describe("a 16- or 17-year-old's DM policy", () => {
  it.each([16, 17])("refuses everyone at %i with AGE_RESTRICTED and changes nothing", async (age) => {
    const teen = await createUser(server.url, { age });
    for (const body of [{ dmPolicy: "everyone" }, { dmPolicy: "everyone", theme: "dark", locale: "de" }]) {
      const res = await teen.api.patch("/api/me/settings", body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("AGE_RESTRICTED");
    }
    expect(await settingsOf(teen)).toMatchObject({ dmPolicy: "friends", theme: null, locale: null });
    expect(await storedPolicy(teen)).toBeNull();
  });

  it("may be friends or nobody; an adult may choose everyone", async () => {
    const teen = await createUser(server.url, { age: 17 });
    expect((await teen.api.patch("/api/me/settings", { dmPolicy: "nobody" })).body.user.settings.dmPolicy).toBe("nobody");
    expect((await teen.api.patch("/api/me/settings", { dmPolicy: "friends" })).body.user.settings.dmPolicy).toBe("friends");
    const adult = await createUser(server.url, { age: 18 });
    expect((await adult.api.patch("/api/me/settings", { dmPolicy: "everyone" })).status).toBe(200);
    expect(await storedPolicy(adult)).toBe("everyone");
  });

  it("reads a stored everyone as friends: a stranger cannot write to the teen", async () => {
    const teen = await createUser(server.url, { age: 17 });
    await setDmPolicy(db, teen, "everyone"); // as stored before the rule
    expect((await settingsOf(teen)).dmPolicy).toBe("friends");
    const res = await strangerWrites(teen);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("NOT_ALLOWED");
    // People search, which offers "Message" only where the server would allow it, agrees.
    const found = (await (await createUser(server.url, { age: 30 })).api.get(`/api/users?query=${teen.username}`)).body.users;
    expect(found.find((p: { id: string }) => p.id === teen.id)).toMatchObject({ canMessage: false });
  });

  it("holds from the 16th birthday for an everyone stored at 15, and lets go of it at 18", async () => {
    const sixteen = await createUser(server.url, { birthDate: birthdayToday(16) });
    await setDmPolicy(db, sixteen, "everyone");
    expect((await settingsOf(sixteen)).dmPolicy).toBe("friends");
    expect((await strangerWrites(sixteen)).body.error?.code).toBe("NOT_ALLOWED");

    const eighteen = await createUser(server.url, { birthDate: birthdayToday(18) });
    await setDmPolicy(db, eighteen, "everyone");
    expect((await settingsOf(eighteen)).dmPolicy).toBe("everyone");
    expect((await strangerWrites(eighteen)).status).toBe(201);
    // The day before the 18th birthday it was still friends.
    const almost = await createUser(server.url, { birthDate: birthDateForAge(17) });
    await setDmPolicy(db, almost, "everyone");
    expect((await settingsOf(almost)).dmPolicy).toBe("friends");
  });
});

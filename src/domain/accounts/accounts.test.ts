import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { createMigratedDb } from "../../../tests/helpers/database";
import { authenticate } from "./authenticate";
import { getMe, setNudityFilter } from "./me";
import { signUp } from "./signup";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createMigratedDb()));
afterAll(() => close());

const input = (username: string, age: number) => ({ username, displayName: username, password: "password123", birthDate: birthDateForAge(age) });

describe("sign-up", () => {
  it("refuses under 13 and stores nothing", async () => {
    await expect(signUp(db, input("tooyoung", 12))).rejects.toMatchObject({ code: "AGE_RESTRICTED" });
    expect(await db.user.count({ where: { username: "tooyoung" } })).toBe(0);
  });

  it("accepts 13 and reports the under-16 band", async () => {
    const me = await signUp(db, input("thirteen", 13));
    expect(me).toMatchObject({ age: 13, ageBand: "under16", canUseDMs: false });
  });

  it("refuses a taken username", async () => {
    await signUp(db, input("taken", 20));
    await expect(signUp(db, input("taken", 30))).rejects.toMatchObject({ code: "USERNAME_TAKEN" });
  });

  it("stores an argon2 hash, never the password", async () => {
    await signUp(db, input("hashed", 20));
    const row = await db.user.findUniqueOrThrow({ where: { username: "hashed" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("password123");
  });
});

describe("authenticate", () => {
  it("accepts the right password and refuses a wrong one or an unknown name alike", async () => {
    await signUp(db, input("carol", 30));
    await expect(authenticate(db, { username: "carol", password: "password123" })).resolves.toMatchObject({ username: "carol" });
    await expect(authenticate(db, { username: "carol", password: "nope" })).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    await expect(authenticate(db, { username: "nobody", password: "nope" })).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
  });
});

describe("safety settings", () => {
  it("keeps a 17-year-old's filter on, and lets an adult switch it off", async () => {
    const teen = await signUp(db, input("teen17", 17));
    expect(teen.safety).toEqual({ nudityFilter: true, canChange: false });
    await expect(setNudityFilter(db, teen.id, false)).rejects.toMatchObject({ code: "AGE_RESTRICTED" });
    expect((await getMe(db, teen.id)).safety.nudityFilter).toBe(true);

    const adult = await signUp(db, input("adult18", 18));
    expect((await setNudityFilter(db, adult.id, false)).safety).toEqual({ nudityFilter: false, canChange: true });
  });

  it("defaults teens to messages from friends and adults to everyone", async () => {
    expect((await signUp(db, input("teen16", 16))).settings.dmPolicy).toBe("friends");
    expect((await signUp(db, input("adult40", 40))).settings.dmPolicy).toBe("everyone");
  });
});

// The raw path shares SQLite's one connection with Prisma: its transactions must never run
// inside one Prisma has open (they would be rolled back with it), on either database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb } from "../../tests/helpers/database";
import type { Db } from "./client";
import { rawDb } from "./raw";
import { sql } from "./sql";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
});
afterAll(() => close());

const user = (username: string) => ({ username, displayName: username, passwordHash: "!", birthDate: "1990-01-01" });

describe("raw SQL beside Prisma", () => {
  it("reads what Prisma wrote, with numbers, booleans and timestamps as the views need", async () => {
    const created = await db.user.create({ data: user("reader") });
    const raw = await rawDb(db);
    const [row] = await raw.all(sql`SELECT "id", "followerCount", "nudityFilter", "createdAt" FROM "User" WHERE "id" = ${created.id}`);
    expect(row.id).toBe(created.id);
    expect(row.followerCount).toBe(0);
    expect([true, 1]).toContain(row.nudityFilter);
  });

  it("commits a plan's statements together, and none of them when it throws", async () => {
    const raw = await rawDb(db);
    await raw.transaction(function* () {
      yield sql`INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "birthDate") VALUES (${"raw-1"}, ${"raw1"}, ${"R"}, ${"!"}, ${"1990-01-01"})`;
      const rows = yield sql`SELECT "id" FROM "User" WHERE "id" = ${"raw-1"}`;
      expect(rows).toHaveLength(1); // a plan sees its own writes
    });
    await expect(
      raw.transaction(function* () {
        yield sql`INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "birthDate") VALUES (${"raw-2"}, ${"raw2"}, ${"R"}, ${"!"}, ${"1990-01-01"})`;
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.user.findMany({ where: { id: { in: ["raw-1", "raw-2"] } }, select: { id: true } })).toEqual([{ id: "raw-1" }]);
  });

  it("does not join a Prisma transaction that is open meanwhile, so its rollback keeps the raw write", async () => {
    const raw = await rawDb(db);
    let rawWrite: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: user("rolled-back") });
        rawWrite = raw.transaction(function* () {
          yield sql`INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "birthDate") VALUES (${"raw-kept"}, ${"rawkept"}, ${"R"}, ${"!"}, ${"1990-01-01"})`;
        });
        await new Promise((r) => setTimeout(r, 50)); // the raw write is waiting (SQLite) or blocked on nothing (PostgreSQL)
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await rawWrite;
    expect(await db.user.findUnique({ where: { username: "rolled-back" } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: "raw-kept" } })).not.toBeNull();
  });
});

// A duplicate refused by a unique constraint is recognised however it surfaces: from Prisma's
// model API, and from a raw statement run through a transaction (as the message batch's are).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type Flavor } from "../../tests/helpers/database";
import type { Db } from "./client";
import { isUniqueViolation } from "./raw";

const flavors: Flavor[] = ["sqlite", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])];

describe.each(flavors)("on %s", (flavor) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await createMigratedDb(flavor));
  });
  afterAll(() => close?.());

  const caught = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );
  const row = { username: "dup", displayName: "Dup", passwordHash: "x", birthDate: "2000-01-01" };

  it("knows a duplicate from the model API and from a raw statement in a transaction, and nothing else", async () => {
    await db.user.create({ data: { id: "u1", ...row } });
    expect(isUniqueViolation(await caught(db.user.create({ data: { id: "u2", ...row } })))).toBe(true);
    const raw = await caught(
      db.$transaction((tx) => tx.$queryRawUnsafe(`INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "birthDate") VALUES ('u3', 'dup', 'D', 'x', '2000-01-01')`)),
    );
    expect(raw).not.toBeNull();
    expect(isUniqueViolation(raw)).toBe(true);
    const other = await caught(db.$transaction((tx) => tx.$queryRawUnsafe(`INSERT INTO "User" ("id") VALUES ('u4')`))); // a NOT NULL column left out
    expect(other).not.toBeNull();
    expect(isUniqueViolation(other)).toBe(false);
  });
});

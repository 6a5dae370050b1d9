// The data migration that moves teens' stored "everyone" to "friends", on the database of
// the run (SQLite, or PostgreSQL with TEST_DB_FLAVOR=postgres): the migrations before it
// are applied, accounts of every age are stored, then it runs.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { birthDateForAge } from "@/db/seed/demo";
import { createTestDatabase, testFlavor, type TestDatabase } from "../helpers/database";

const NAME = "teen_dm_policy_friends";
const flavor = testFlavor();
const dir = path.join("prisma", flavor, "migrations");
const migrations = fs
  .readdirSync(dir)
  .filter((d) => /^\d/.test(d))
  .sort();
const target = migrations.findIndex((d) => d.endsWith(NAME));
const sqlOf = (d: string) => fs.readFileSync(path.join(dir, d, "migration.sql"), "utf8");

let database: TestDatabase;
let run: (sql: string) => Promise<void>;
let policies: () => Promise<Record<string, string | null>>;
let closeConnection: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase(flavor, { empty: true });
  if (flavor === "sqlite") {
    const sqlite = new Database(database.url.replace(/^file:/, ""));
    run = async (sql) => void sqlite.exec(sql);
    policies = async () =>
      Object.fromEntries((sqlite.prepare(`SELECT "username", "dmPolicy" FROM "User"`).all() as { username: string; dmPolicy: string | null }[]).map((r) => [r.username, r.dmPolicy]));
    closeConnection = async () => void sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    run = async (sql) => void (await client.query(sql));
    policies = async () => Object.fromEntries((await client.query(`SELECT "username", "dmPolicy" FROM "User"`)).rows.map((r) => [r.username, r.dmPolicy]));
    closeConnection = () => client.end();
  }
});
afterAll(async () => {
  await closeConnection?.();
  await database?.drop();
});

describe(`the ${NAME} migration (${flavor})`, () => {
  it("moves under-18s stored as everyone to friends, and no one else", async () => {
    expect(target).toBeGreaterThan(0);
    for (const d of migrations.slice(0, target)) await run(sqlOf(d));
    /** Born `years` ago today, plus `days` (1: the birthday is tomorrow). */
    const born = (years: number, days = 0) => {
      const d = new Date();
      d.setUTCFullYear(d.getUTCFullYear() - years);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const accounts: [string, string, string | null][] = [
      ["teen17", birthDateForAge(17), "everyone"],
      ["teen16", birthDateForAge(16), "everyone"],
      ["kid15", birthDateForAge(15), "everyone"],
      ["almost18", born(18, 1), "everyone"],
      ["adult18today", born(18), "everyone"],
      ["adult40", birthDateForAge(40), "everyone"],
      ["teenNobody", birthDateForAge(17), "nobody"],
      ["teenUnset", birthDateForAge(17), null],
    ];
    for (const [username, birthDate, dmPolicy] of accounts) {
      await run(
        `INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "birthDate", "dmPolicy") VALUES ('${username}', '${username}', '${username}', '!', '${birthDate}', ${dmPolicy ? `'${dmPolicy}'` : "NULL"})`,
      );
    }
    await run(sqlOf(migrations[target]));
    expect(await policies()).toEqual({
      teen17: "friends",
      teen16: "friends",
      kid15: "friends",
      almost18: "friends",
      adult18today: "everyone",
      adult40: "everyone",
      teenNobody: "nobody",
      teenUnset: null,
    });
  });
});

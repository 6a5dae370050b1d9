// The checkpointer keeps the WAL from growing while the server's connection writes (that
// connection checkpoints only past 40 MB). A WAL whose frames were all copied back is
// reused from its start, so its file stays small; without the checkpointer it only grows.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createMigratedDb } from "../../tests/helpers/database";
import { startWalCheckpointer } from "./wal-checkpointer";

async function walBytesAfterWrites(withCheckpointer: boolean): Promise<number> {
  const { db, database, close } = await createMigratedDb("sqlite");
  const checkpointer = withCheckpointer ? startWalCheckpointer(database.url, 10) : null;
  try {
    for (let i = 0; i < 60; i++) {
      await db.user.createMany({
        data: Array.from({ length: 5 }, (_, k) => ({ username: `w${i}x${k}`, displayName: "W".repeat(200), passwordHash: "!", birthDate: "1990-01-01" })),
      });
      await new Promise((r) => setTimeout(r, 25)); // room for a checkpoint between writes
    }
    return fs.statSync(`${database.url.replace(/^file:/, "")}-wal`).size;
  } finally {
    await checkpointer?.stop();
    await close();
  }
}

describe("the WAL checkpointer", () => {
  it("keeps the WAL small under steady writes, where it grows without it", async () => {
    const [without, withIt] = [await walBytesAfterWrites(false), await walBytesAfterWrites(true)];
    expect(without).toBeGreaterThan(400_000); // 60 transactions' worth of pages, all kept
    expect(withIt).toBeLessThan(without / 4);
  });
});

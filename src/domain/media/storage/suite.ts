// The behaviour every MediaStorage must have. Each implementation's test calls
// runStorageSuite with a factory for an empty store (local disk here; S3 later).
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import type { MediaStorage } from "./types";

export function runStorageSuite(name: string, makeStore: () => Promise<{ storage: MediaStorage; cleanup(): Promise<void> }>) {
  describe(`media storage: ${name}`, () => {
    const withStore = (fn: (s: MediaStorage) => Promise<void>) => async () => {
      const { storage, cleanup } = await makeStore();
      try {
        await fn(storage);
      } finally {
        await cleanup();
      }
    };
    const body = (s: string) => Readable.from([Buffer.from(s)]);
    const readText = async (s: MediaStorage, key: string, range?: { start: number; end: number }) => {
      const stream = await s.read(key, range);
      return stream ? text(stream) : null;
    };

    it(
      "stores a stream and reads it back whole",
      withStore(async (s) => {
        const stored = await s.put("a1/file.txt", body("hello media"), { contentType: "text/plain" });
        expect(stored.bytes).toBe(11);
        expect(await readText(s, "a1/file.txt")).toBe("hello media");
      }),
    );

    it(
      "stores a large stream chunk by chunk",
      withStore(async (s) => {
        const chunk = Buffer.alloc(64 * 1024, 7);
        const stored = await s.put("big/file.bin", Readable.from(Array.from({ length: 40 }, () => chunk)), { contentType: "application/octet-stream" });
        expect(stored.bytes).toBe(40 * 64 * 1024);
        expect((await s.stat("big/file.bin"))?.bytes).toBe(40 * 64 * 1024);
      }),
    );

    it(
      "reads an inclusive byte range",
      withStore(async (s) => {
        await s.put("r/file.txt", body("0123456789"), { contentType: "text/plain" });
        expect(await readText(s, "r/file.txt", { start: 2, end: 5 })).toBe("2345");
        expect(await readText(s, "r/file.txt", { start: 9, end: 9 })).toBe("9");
      }),
    );

    it(
      "answers null for a missing key on read and stat",
      withStore(async (s) => {
        expect(await s.read("nope/file.txt")).toBeNull();
        expect(await s.stat("nope/file.txt")).toBeNull();
      }),
    );

    it(
      "stats size and time, replaces on a second put",
      withStore(async (s) => {
        const before = Date.now() - 1000;
        await s.put("x/file.txt", body("one"), { contentType: "text/plain" });
        await s.put("x/file.txt", body("second"), { contentType: "text/plain" });
        const st = await s.stat("x/file.txt");
        expect(st?.bytes).toBe(6);
        expect(st!.modifiedAt.getTime()).toBeGreaterThan(before);
        expect(await readText(s, "x/file.txt")).toBe("second");
      }),
    );

    it(
      "deletes, and deleting a missing key is fine",
      withStore(async (s) => {
        await s.put("d/file.txt", body("bye"), { contentType: "text/plain" });
        await s.delete("d/file.txt");
        expect(await s.stat("d/file.txt")).toBeNull();
        await s.delete("d/file.txt");
      }),
    );

    it(
      "lists keys older than a time, optionally under a prefix",
      withStore(async (s) => {
        await s.put("p1/a.txt", body("a"), { contentType: "text/plain" });
        await s.put("p2/b.txt", body("b"), { contentType: "text/plain" });
        const future = new Date(Date.now() + 60_000);
        const past = new Date(Date.now() - 60_000);
        expect(await s.listOlderThan(future)).toEqual(["p1/a.txt", "p2/b.txt"]);
        expect(await s.listOlderThan(future, "p2/")).toEqual(["p2/b.txt"]);
        expect(await s.listOlderThan(past)).toEqual([]);
        expect(await s.listOlderThan(future, "none/")).toEqual([]);
      }),
    );

    it(
      "refuses keys that could escape the store",
      withStore(async (s) => {
        for (const key of ["../x", "/etc/passwd", "a/../../b", "a//b", ""]) {
          await expect(s.put(key, body("x"), { contentType: "text/plain" }), key).rejects.toThrow(/invalid storage key/);
        }
      }),
    );
  });
}

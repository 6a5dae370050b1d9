// The server process itself under hostile conditions: a parent that went away (its stdout
// pipe closed) and then SIGTERM must still end the process within 10 s, and an idle
// keep-alive connection is not closed under a client that is about to reuse it.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { freePort, startServer, TEST_SECRET, type TestServer } from "../helpers/server";

const root = path.resolve(import.meta.dirname, "../..");
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("shutdown", () => {
  it("with its stdout and stderr pipes closed, the server exits within 10 s of SIGTERM", async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const port = await freePort();
    const child = spawn(process.execPath, ["dist/server.js"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: database.url, NEXTAUTH_SECRET: TEST_SECRET, MURMUR_DEMO_DATA: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    cleanups.push(() => {
      if (child.exitCode === null && !child.signalCode) child.kill("SIGKILL");
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("server did not start")), 100_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("Murmur ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // The parent "goes away": nobody reads its output any more.
    child.stdout!.destroy();
    child.stderr!.destroy();
    await fetch(`http://127.0.0.1:${port}/api/me`).catch(() => undefined);

    const started = Date.now();
    child.kill("SIGTERM");
    const outcome = await Promise.race([exited.then(() => "exited"), new Promise((r) => setTimeout(() => r("still running"), 10_000))]);
    expect(outcome).toBe("exited");
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 130_000);
});

describe("keep-alive", () => {
  let server: TestServer;
  cleanups.push(() => server?.stop());

  it("an idle keep-alive connection is still open after 6 s (longer than Node's default 5 s), so a reuse is not reset", async () => {
    server = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    let closedByServer = false;
    let onClose = () => {};
    const closed = new Promise<void>((resolve) => (onClose = resolve));
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${server.url}/api/me`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("socket", (socket) =>
          socket.once("close", () => {
            closedByServer = true;
            onClose();
          }),
        );
        req.on("error", reject);
      });
    expect(await get()).toBe(401);
    // Here the wait is the point: the idle connection must outlive Node's default keep-alive
    // timeout (that of a fresh http.Server, 5 s) by a margin. A close ends the wait (and the test) early.
    const idleMs = new http.Server().keepAliveTimeout + 1_000;
    await Promise.race([closed, new Promise((r) => setTimeout(r, idleMs))]);
    expect(closedByServer).toBe(false);
    expect(await get()).toBe(401);
  }, 130_000);
});

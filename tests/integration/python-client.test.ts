// A client we did not write: the Python contract suite in examples/python, run with Debian's
// python3-socketio and python3-requests against the real server. It knows the API only from
// the spec (/api/openapi.json) and the README.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server";
import { serverPerFile } from "../helpers/server-per-file";

let server: TestServer;
serverPerFile((s) => (server = s));

/** Debian's Python, where apt installs python3-socketio (another python3 on PATH may lack it). */
const PYTHON = process.env.MURMUR_PYTHON ?? "/usr/bin/python3";
const root = path.resolve(import.meta.dirname, "../..");

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("error", (e) => resolve({ code: -1, out: String(e) }));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("the Python contract suite", () => {
  it("passes against the server", async () => {
    const libraries = await run(["-c", "import socketio, requests, websocket"]);
    expect(libraries.code, `${PYTHON} lacks its libraries: apt-get install -y python3-socketio python3-requests python3-websocket\n${libraries.out}`).toBe(0);
    const suite = await run(["examples/python/murmur_contract.py", server.url]);
    const report = suite.out.trim().split("\n").at(-1) ?? "";
    expect(suite.code, suite.out).toBe(0);
    expect(JSON.parse(report)).toMatchObject({ ok: true });
    expect(JSON.parse(report).checks).toBeGreaterThan(40);
  });
});

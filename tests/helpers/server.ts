// Runs the real, built server (dist/server.js + .next) as a child process on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../../scripts/server-node-flags.mjs";
import { createTestDatabase, type TestDatabase } from "./database";

const root = path.resolve(import.meta.dirname, "../..");
export const TEST_SECRET = "murmur-test-secret-0123456789abcdef";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  port: number;
  database: TestDatabase;
  /** Everything the server printed so far. */
  output(): string;
  /** The server process's id (for benchmarks reading its CPU and memory). */
  pid(): number;
  /** Kills the process (SIGKILL: no graceful shutdown) and starts it again on the same port and database. */
  restart(options?: { signal?: NodeJS.Signals }): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  database?: TestDatabase;
  port?: number;
  /** Node options for the server process, e.g. --inspect for a benchmark that collects garbage. */
  nodeArgs?: string[];
}

function spawnServer(port: number, databaseUrl: string, env: Record<string, string>, log: string[], extraNodeArgs: string[] = []): Promise<ChildProcess> {
  if (!fs.existsSync(path.join(root, "dist/server.js"))) throw new Error("dist/server.js is missing: run `npm run build` first");
  // SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers a bench starts.
  const nodeArgs = [...(process.env.SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...extraNodeArgs];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, "dist/server.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: TEST_SECRET,
      MURMUR_DEMO_DATA: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every test user signs up from 127.0.0.1: the per-address sign-up limit is raised
      // (as an operator would for a load test); tests of that limit set RATE_LIMITS themselves.
      RATE_LIMITS: "signup:100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 100 s:\n${log.join("")}`)), 100_000);
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (chunk.toString().includes("Murmur ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log.join("")}`));
    });
  });
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const port = options.port ?? (await freePort());
  const env = options.env ?? {};
  const log: string[] = [];
  let child = await spawnServer(port, database.url, env, log, options.nodeArgs);
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    output: () => log.join(""),
    pid: () => child.pid!,
    async restart({ signal = "SIGKILL" } = {}) {
      await kill(signal);
      child = await spawnServer(port, database.url, env, log, options.nodeArgs);
    },
    async stop() {
      await kill("SIGTERM");
      if (!options.database) await database.drop();
    },
  };
}

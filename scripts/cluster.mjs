#!/usr/bin/env node
// npm run cluster -- [nodes]: several Murmur nodes on one machine behind a sticky proxy.
// Nodes listen on PORT+1 … PORT+N, the proxy on PORT (default 3000). They share
// DATABASE_URL (PostgreSQL recommended), REDIS_URL (default the local Redis) and one
// NEXTAUTH_SECRET. Needs `npm run build` first.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SERVER_NODE_FLAGS } from "./server-node-flags.mjs";
import { startStickyProxy } from "./sticky-proxy.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const count = Number(process.argv[2] ?? 2);
const port = Number(process.env.PORT ?? 3000);
if (!fs.existsSync(path.join(root, "dist/server.js"))) {
  console.error("Run `npm run build` first.");
  process.exit(1);
}
const env = {
  ...process.env,
  NODE_ENV: "production",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
};

function startNode(index) {
  const nodePort = port + index;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "dist/server.js"], { cwd: root, env: { ...env, PORT: String(nodePort), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      process.stdout.write(`[node ${index}] ${chunk}`);
      if (chunk.toString().includes("Murmur ready")) resolve({ child, host: "127.0.0.1", port: nodePort });
    });
    child.once("exit", (code) => reject(new Error(`node ${index} exited with ${code}`)));
  });
}

// The first node migrates and loads demo data alone; the others start once it is ready.
const nodes = [await startNode(1)];
nodes.push(...(await Promise.all(Array.from({ length: count - 1 }, (_, i) => startNode(i + 2)))));
startStickyProxy({ port, backends: nodes });
console.log(`Murmur cluster: ${count} nodes behind http://localhost:${port}`);
const stop = () => {
  for (const n of nodes) n.child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

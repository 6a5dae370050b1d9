import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's chromium (nothing is downloaded) against the
// production build, started once on a fresh SQLite file with the demo data.
const port = Number(process.env.E2E_PORT ?? 3210);
const dbFile = path.join(os.tmpdir(), `murmur-e2e-${process.pid}.db`);

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `rm -f ${dbFile} ${dbFile}-wal ${dbFile}-shm && node dist/server.js`,
    url: `http://127.0.0.1:${port}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dbFile}`,
      NEXTAUTH_SECRET: "murmur-e2e-secret-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every e2e account signs up from 127.0.0.1: the per-address sign-up limit would stop the suite.
      RATE_LIMITS: "signup:100000",
      MURMUR_MEDIA_DIR: path.join(os.tmpdir(), `murmur-e2e-media-${process.pid}`),
    },
  },
});

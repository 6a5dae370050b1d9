import { defineConfig } from "vitest/config";

// Domain and tooling tests run once, on SQLite. The integration suite (a real server
// process, HTTP and Socket.IO) runs on SQLite and, when TEST_DATABASE_URL is set,
// again on PostgreSQL.
const integration = (flavor: "sqlite" | "postgres") => ({
  extends: true as const,
  test: {
    name: `integration-${flavor}`,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DB_FLAVOR: flavor },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "domain",
          include: ["src/**/*.test.ts", "tests/tooling/**/*.test.ts"],
          env: { TEST_DB_FLAVOR: process.env.TEST_DB_FLAVOR ?? "sqlite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      integration("sqlite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
    ],
  },
});

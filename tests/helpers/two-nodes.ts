// Two Murmur servers on one database with the Redis Streams adapter between them, as a
// scaled-out deployment runs, for the tests that act on one node and watch the other.
import { createTestDatabase, type TestDatabase } from "./database";
import { startRedis, type TestRedis } from "./redis";
import { startServer, type TestServer } from "./server";

export interface TwoNodes {
  database: TestDatabase;
  redis: TestRedis;
  nodeA: TestServer;
  nodeB: TestServer;
  /** Stops both servers and Redis, and drops the database. */
  stop(): Promise<void>;
}

/** `stream` names the adapter's Redis stream (made unique per run); `env` goes to both servers. */
export async function startTwoNodes(stream: string, env: Record<string, string> = {}): Promise<TwoNodes> {
  const database = await createTestDatabase();
  const redis = await startRedis();
  const both = { REDIS_URL: redis.url, REDIS_STREAM: `${stream}-${Date.now()}`, ...env };
  // One after the other: two processes migrating one SQLite file at once trip over its lock.
  const nodeA = await startServer({ database, env: both });
  const nodeB = await startServer({ database, env: both });
  return {
    database,
    redis,
    nodeA,
    nodeB,
    stop: async () => {
      await nodeA.stop();
      await nodeB.stop();
      await redis.stop();
      await database.drop();
    },
  };
}

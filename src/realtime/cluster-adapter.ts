// Between several nodes, Socket.IO events travel through Redis. We use the Redis
// Streams adapter (not the Pub/Sub one): it resumes from its last stream offset after a
// Redis restart or a dropped connection instead of losing what was sent meanwhile.
// ioredis reconnects on its own and queues
// commands while it is away.
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";

export interface ClusterAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

export async function createClusterAdapter(redisUrl: string): Promise<ClusterAdapter> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: null, // keep commands queued across an outage instead of failing them
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on("error", (e) => console.warn(`redis: ${e.message}`));
  await client.connect();
  return {
    adapter: createAdapter(client, { streamName: process.env.REDIS_STREAM ?? "murmur:socket.io", maxLen: 10_000 }),
    close: async () => {
      client.disconnect();
    },
  };
}

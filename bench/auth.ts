// Authenticated API reads and socket handshakes: the fixed cost under every other feature.
import { createUser } from "../tests/helpers/api";
import { connectSocket } from "../tests/helpers/socket";
import { summarize } from "./lib/stats";

export async function benchAuth(baseUrl: string) {
  const user = await createUser(baseUrl);
  const reads: number[] = [];
  const started = performance.now();
  const until = started + 5000;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await user.api.get("/api/me");
        if (res.status !== 200) throw new Error(`GET /api/me answered ${res.status}`);
        reads.push(performance.now() - t);
      }
    }),
  );
  const readElapsed = performance.now() - started;

  const handshakes: number[] = [];
  const hsStarted = performance.now();
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const socket = await connectSocket(baseUrl, user.token);
    handshakes.push(performance.now() - t);
    socket.close();
  }
  return [summarize("GET /api/me (bearer, 20 concurrent)", reads, readElapsed), summarize("socket handshake (bearer)", handshakes, performance.now() - hsStarted)];
}

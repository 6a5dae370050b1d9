// Others' latency during a flood of wrong logins: authenticated reads (GET /api/me, 20
// concurrent) alone, then while 300 wrong logins a second arrive, spread over many
// accounts and addresses so that the throttle does not simply refuse them (the worst
// case: each is hashed). Hashing runs one at a time, so the reads keep a core.
import { createUser } from "../tests/helpers/api";
import type { TestServer } from "../tests/helpers/server";
import { summarize } from "./lib/stats";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LOGINS_PER_SECOND = Number(process.env.BENCH_LOGIN_RATE ?? 300);

async function reads(baseUrl: string, token: string, until: number): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        samples.push(performance.now() - t);
      }
    }),
  );
  return samples;
}

async function flood(baseUrl: string, until: number): Promise<{ sent: number; statuses: Record<number, number> }> {
  const statuses: Record<number, number> = {};
  const pending: Promise<void>[] = [];
  let sent = 0;
  const started = performance.now();
  while (performance.now() < until) {
    const due = Math.floor(((performance.now() - started) / 1000) * LOGINS_PER_SECOND);
    for (; sent < due; sent++) {
      const n = sent;
      pending.push(
        fetch(`${baseUrl}/api/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${n % 250}` },
          body: JSON.stringify({ username: `victim${n % 1000}`, password: `guess-${n}` }),
        })
          .then((r) => void (statuses[r.status] = (statuses[r.status] ?? 0) + 1))
          .catch(() => void (statuses[0] = (statuses[0] ?? 0) + 1)),
      );
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
  return { sent, statuses };
}

export async function benchLogins(server: TestServer) {
  const user = await createUser(server.url);
  const quietStart = performance.now();
  const quiet = await reads(server.url, user.token, quietStart + SECONDS * 1000);
  const quietElapsed = performance.now() - quietStart;

  const loadStart = performance.now();
  const until = loadStart + SECONDS * 1000;
  const [loaded, attack] = await Promise.all([reads(server.url, user.token, until), flood(server.url, until)]);
  const loadElapsed = performance.now() - loadStart;
  return [
    summarize("GET /api/me, quiet", quiet, quietElapsed),
    { ...summarize(`GET /api/me, ${LOGINS_PER_SECOND} wrong logins/s`, loaded, loadElapsed), "login answers": JSON.stringify(attack.statuses) },
  ];
}

// npm run bench: starts the built server(s) and prints the figures, one table per section.
// `npm run bench -- idle auth` runs only the named sections.
import { startServer, TEST_SECRET } from "../tests/helpers/server";
import { benchAuth } from "./auth";
import { benchIdleConnections } from "./idle";

// Tokens minted here must verify on the servers the bench starts.
process.env.NEXTAUTH_SECRET = TEST_SECRET;

type Section = { name: string; run(): Promise<Record<string, unknown>[]> };

const sections: Section[] = [
  {
    name: "auth",
    async run() {
      const server = await startServer();
      try {
        return await benchAuth(server.url);
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: "idle",
    async run() {
      const server = await startServer();
      try {
        return [await benchIdleConnections(server, Number(process.env.BENCH_IDLE_SOCKETS ?? 10_000))];
      } finally {
        await server.stop();
      }
    },
  },
];

const only = process.argv.slice(2);
for (const section of sections) {
  if (only.length && !only.includes(section.name)) continue;
  console.log(`\n## ${section.name}`);
  console.table(await section.run());
}
process.exit(0);

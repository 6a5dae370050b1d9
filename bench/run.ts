// npm run bench: starts the built server(s) and prints the figures, one table per section.
// `npm run bench -- idle auth` runs only the named sections.
import { startServer, TEST_SECRET } from "../tests/helpers/server";
import { benchAuth } from "./auth";
import { benchClassifier } from "./classifier";
import { benchIdleConnections } from "./idle";
import { benchMessaging } from "./messaging";
import { benchPlatform } from "./platform";
import { benchRooms } from "./rooms";
import { benchMedia } from "./media";

// Tokens minted here must verify on the servers the bench starts.
process.env.NEXTAUTH_SECRET = TEST_SECRET;

type Section = { name: string; run(): Promise<Record<string, unknown>[]> };

const sections: Section[] = [
  // Issue 8: N sockets in M conversations at fixed rates; the bare relay is the ceiling.
  { name: "messaging", run: benchMessaging },
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
  {
    name: "platform",
    async run() {
      const server = await startServer();
      try {
        return await benchPlatform(server);
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: "rooms",
    async run() {
      const server = await startServer();
      try {
        return await benchRooms(server);
      } finally {
        await server.stop();
      }
    },
  },
  // The upload pipeline's processing functions (no server): 9×12 MP photos, a 60 s 1080p video.
  { name: "media", run: benchMedia },
  { name: "classifier", run: benchClassifier },
];

const only = process.argv.slice(2);
for (const section of sections) {
  if (only.length && !only.includes(section.name)) continue;
  console.log(`\n## ${section.name}`);
  console.table(await section.run());
}
process.exit(0);

// npm run bench: starts the built server(s) and prints the figures, one table per section.
// `npm run bench -- idle auth` runs only the named sections.
import { freePort, startServer, TEST_SECRET, type TestServer } from "../tests/helpers/server";
import { benchAuth } from "./auth";
import { benchClassifier } from "./classifier";
import { benchIdleConnections } from "./idle";
import { benchLogins } from "./logins";
import { benchMedia } from "./media";
import { benchMessaging } from "./messaging";
import { benchPhotos } from "./photos";
import { benchPlatform } from "./platform";
import { benchRooms } from "./rooms";
import { benchVideo } from "./video";

// Tokens minted here must verify on the servers the bench starts.
process.env.NEXTAUTH_SECRET = TEST_SECRET;

type Rows = Record<string, unknown>[];
type Section = { name: string; run(): Promise<Rows> };

/** A section that runs against one fresh server (a new SQLite file), stopped afterwards. */
const onServer = (measure: (server: TestServer) => Promise<Rows>) => async () => {
  const server = await startServer();
  try {
    return await measure(server);
  } finally {
    await server.stop();
  }
};

/** 10,000 idle sockets on a server whose inspector lets the bench collect its garbage. */
async function benchIdle(): Promise<Rows> {
  const inspectPort = await freePort();
  const server = await startServer({ nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
  try {
    return [await benchIdleConnections(server, Number(process.env.BENCH_IDLE_SOCKETS ?? 10_000), inspectPort)];
  } finally {
    await server.stop();
  }
}

const sections: Section[] = [
  // Issue 8: N sockets in M conversations at fixed rates; the bare relay is the ceiling.
  { name: "messaging", run: benchMessaging },
  { name: "auth", run: onServer((server) => benchAuth(server.url)) },
  // Others' p99 while wrong logins flood in (addresses from X-Forwarded-For: TRUST_PROXY=1).
  {
    name: "logins",
    run: async () => {
      const server = await startServer({ env: { TRUST_PROXY: "1" } });
      try {
        return await benchLogins(server);
      } finally {
        await server.stop();
      }
    },
  },
  { name: "idle", run: benchIdle },
  { name: "platform", run: onServer(benchPlatform) },
  { name: "rooms", run: onServer(benchRooms) },
  // The upload pipeline's processing functions (no server): 9×12 MP photos, a 60 s 1080p video.
  { name: "media", run: benchMedia },
  { name: "classifier", run: benchClassifier },
  // Nine 12 MP photos, picked in one Chromium page to loaded in another (real classifier).
  { name: "photos", run: onServer(benchPhotos) },
  // A trimmed 60 s 1080p clip (H.264, HEVC) from upload to the recipient's message:new, through the background job.
  { name: "video", run: benchVideo },
];

const only = process.argv.slice(2);
for (const section of sections) {
  if (only.length && !only.includes(section.name)) continue;
  console.log(`\n## ${section.name}`);
  console.table(await section.run());
}
process.exit(0);

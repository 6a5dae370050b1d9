// npm run bench: starts the built server on a fresh SQLite file and prints its figures.
// Each benchmark is a module under bench/ exporting `run(server)`.
// `npm run bench -- media` runs only the media processing figures (no server needed).
import { startServer } from "../tests/helpers/server";
import { benchAuth } from "./auth";
import { benchMedia } from "./media";

const only = process.argv[2];
if (!only || only !== "media") {
  const server = await startServer();
  try {
    const rows = [...(await benchAuth(server.url))];
    console.table(rows);
  } finally {
    await server.stop();
  }
}
if (!only || only === "media") console.table(await benchMedia());

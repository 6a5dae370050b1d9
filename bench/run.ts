// npm run bench: starts the built server on a fresh SQLite file and prints its figures.
// Each benchmark is a module under bench/ exporting `run(server)`.
import { startServer } from "../tests/helpers/server";
import { benchAuth } from "./auth";
import { benchRooms } from "./rooms";

const server = await startServer();
try {
  const rows = [...(await benchAuth(server.url)), ...(await benchRooms(server))];
  console.table(rows);
} finally {
  await server.stop();
}

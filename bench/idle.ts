// Memory per idle connection: the server's RSS with N authenticated, idle sockets.
import type { Socket } from "socket.io-client";
import type { TestServer } from "../tests/helpers/server";
import { connectAll } from "./lib/load";
import { createLoadFixtures } from "./lib/murmur-fixtures";
import { rssBytes } from "./lib/process-usage";
import { murmurTarget } from "./lib/murmur";

export async function benchIdleConnections(server: TestServer, count: number) {
  const { clients } = await createLoadFixtures(server.database.url, count, Math.ceil(count / 5), "idle");
  const target = murmurTarget(server.url);
  global.gc?.();
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssBytes(server.pid());
  const started = performance.now();
  const sockets: Socket[] = await connectAll(target, clients);
  const connectSeconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 3000)); // let the server settle
  const after = rssBytes(server.pid());
  sockets.forEach((s) => s.close());
  return {
    benchmark: `${count.toLocaleString("en")} idle sockets`,
    "connected in s": +connectSeconds.toFixed(1),
    "server RSS before MB": Math.round(before / 1048576),
    "server RSS after MB": Math.round(after / 1048576),
    "KB per connection": +((after - before) / 1024 / count).toFixed(1),
  };
}

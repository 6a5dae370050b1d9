// Memory per idle connection: the server's RSS with N authenticated, idle sockets, each
// figure read after a full garbage collection in the server.
import type { Socket } from "socket.io-client";
import type { TestServer } from "../tests/helpers/server";
import { connectAll } from "./lib/load";
import { createLoadFixtures } from "./lib/murmur-fixtures";
import { collectGarbage } from "./lib/collect-garbage";
import { rssBytes } from "./lib/process-usage";
import { murmurTarget } from "./lib/murmur";

export async function benchIdleConnections(server: TestServer, count: number, inspectPort: number) {
  const { clients } = await createLoadFixtures(server.database.url, count, Math.ceil(count / 5), "idle");
  const target = murmurTarget(server.url);
  const settledRss = async () => {
    await new Promise((r) => setTimeout(r, 1000));
    await collectGarbage(inspectPort);
    return rssBytes(server.pid());
  };
  const before = await settledRss();
  const started = performance.now();
  const sockets: Socket[] = await connectAll(target, clients);
  const connectSeconds = (performance.now() - started) / 1000;
  const after = await settledRss();
  sockets.forEach((s) => s.close());
  return {
    benchmark: `${count.toLocaleString("en")} idle sockets`,
    "connected in s": +connectSeconds.toFixed(1),
    "server RSS before MB": Math.round(before / 1048576),
    "server RSS after MB": Math.round(after / 1048576),
    "KB per connection": +((after - before) / 1024 / count).toFixed(1),
    target: `< 20 KB per connection: ${(after - before) / 1024 / count < 20 ? "met" : "NOT met"}`,
  };
}

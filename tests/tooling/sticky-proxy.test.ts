// The cluster launcher's proxy: one client always reaches the same node, for HTTP and WebSockets.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script without types
import { pickBackend, startStickyProxy } from "../../scripts/sticky-proxy.mjs";
import { freePort } from "../helpers/server";

const servers: http.Server[] = [];
let proxyPort: number;

beforeAll(async () => {
  const backends = [];
  for (const name of ["a", "b"]) {
    const server = http.createServer((_req, res) => res.end(name));
    new Server(server).on("connection", (socket) => socket.emit("node", name));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    backends.push({ host: "127.0.0.1", port: (server.address() as AddressInfo).port });
  }
  proxyPort = await freePort();
  servers.push(startStickyProxy({ port: proxyPort, host: "127.0.0.1", backends }));
  await new Promise((r) => setTimeout(r, 50));
});
afterAll(() => servers.forEach((s) => s.close()));

describe("sticky proxy", () => {
  it("maps one address to one backend, and spreads addresses over backends", () => {
    const backends = [{ port: 1 }, { port: 2 }];
    expect(pickBackend(backends, "10.0.0.7")).toBe(pickBackend(backends, "10.0.0.7"));
    const used = new Set(Array.from({ length: 50 }, (_, i) => pickBackend(backends, `10.0.0.${i}`).port));
    expect(used).toEqual(new Set([1, 2]));
  });

  it("sends a client's HTTP requests and its WebSocket to the same node", async () => {
    const bodies = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(`http://127.0.0.1:${proxyPort}/`)).text()));
    expect(new Set(bodies).size).toBe(1);
    const socket = connect(`http://127.0.0.1:${proxyPort}`, { transports: ["websocket"], forceNew: true });
    const node = await new Promise((resolve) => socket.once("node", resolve));
    socket.close();
    expect(node).toBe(bodies[0]);
  });
});

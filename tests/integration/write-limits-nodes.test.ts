// Limits hold across nodes (Redis between them): a user's sockets are capped over all nodes
// (the oldest, on the other node, is disconnected), and actions counted on one node count on
// the other, so spreading a flood over nodes buys nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, closeDbs, serverDb, startDirect } from "../helpers/chat";
import type { TestServer } from "../helpers/server";
import { connectSocket, nextDisconnect, nextEvent, pushesArrived } from "../helpers/socket";
import { startTwoNodes, type TwoNodes } from "../helpers/two-nodes";

let nodes: TwoNodes;
let nodeA: TestServer;
let nodeB: TestServer;
let db: Db;
const sockets: Socket[] = [];

beforeAll(async () => {
  nodes = await startTwoNodes("limits", { SOCKETS_PER_USER: "3", RATE_LIMITS: "signup:100000,reaction:3" });
  ({ nodeA, nodeB } = nodes);
  db = serverDb(nodeA);
}, 200_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await closeDbs();
  await nodes?.stop();
});

async function connect(node: TestServer, user: TestUser) {
  const socket = await connectSocket(node.url, user.token);
  sockets.push(socket);
  await nextEvent(socket, "hello");
  return socket;
}

describe("limits across nodes", () => {
  it("a user's fourth socket (cap 3), on another node, disconnects the oldest on the first node", async () => {
    const a = await createUser(nodeA.url);
    const oldest = await connect(nodeA, a);
    const dropped = nextDisconnect(oldest, 10_000);
    const second = await connect(nodeA, a);
    const third = await connect(nodeB, a);
    const fourth = await connect(nodeB, a);
    expect(await dropped).toBe("io server disconnect");
    // Any other disconnect the cap check sent went out with the first one: a push to the
    // user sent after it (from node A, through Redis to node B) reaches all three.
    await pushesArrived(a, second, third, fourth);
    expect([second, third, fourth].map((s) => s.connected)).toEqual([true, true, true]);
  });

  it("reactions spread over two nodes are counted together: the fourth is 429", async () => {
    const [a, b] = [await createUser(nodeA.url), await createUser(nodeA.url)];
    await befriend(db, a, b);
    const { message } = await startDirect(a, b);
    const react = (node: TestServer, emoji: string) =>
      fetch(`${node.url}/api/messages/${message.id}/reaction`, { method: "PUT", headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" }, body: JSON.stringify({ emoji }) });
    expect((await react(nodeA, "👍")).status).toBe(200);
    expect((await react(nodeB, "❤️")).status).toBe(200);
    expect((await react(nodeA, "😂")).status).toBe(200);
    const refused = await react(nodeB, "😮");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await db.reaction.findMany({ where: { messageId: message.id } })).map((r) => r.emoji)).toEqual(["😂"]);
  });
});

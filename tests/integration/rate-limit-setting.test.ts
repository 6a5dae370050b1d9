// MESSAGE_RATE_LIMIT sets the per-user allowance per 10 s window (default 20): a server
// started with 3 refuses the excess on the socket and over HTTP, and stores none of it.
// Seven attempts at once span at most two windows, so one window holds four: one is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createUser } from "../helpers/api";
import { befriend, cid, closeDbs, send, serverDb, startDirect } from "../helpers/chat";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck } from "../helpers/socket";

let server: TestServer;
let db: Db;
beforeAll(async () => {
  server = await startServer({ env: { MESSAGE_RATE_LIMIT: "3" } });
  db = serverDb(server);
});
afterAll(async () => {
  await closeDbs();
  await server?.stop();
});

describe("MESSAGE_RATE_LIMIT", () => {
  it("refuses past the configured allowance on the socket and over HTTP, storing nothing refused", async () => {
    const [a, b] = [await createUser(server.url), await createUser(server.url)];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const socket = await connectSocket(server.url, a.token);
    try {
      const acks = await Promise.all(Array.from({ length: 7 }, (_, i) => emitWithAck(socket, "message:send", { conversationId: conversation.id, clientId: cid(), text: `s${i}` })));
      expect(acks.filter((x) => !x.ok).map((x) => x.error.code)).toContain("RATE_LIMITED");

      const responses = await Promise.all(Array.from({ length: 7 }, (_, i) => send(a, conversation.id, { text: `h${i}` })));
      const refused = responses.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0].body.error).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });

      const accepted = 1 + acks.filter((x) => x.ok).length + responses.filter((r) => r.status === 201).length;
      expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(accepted);
    } finally {
      socket.close();
    }
  });
});

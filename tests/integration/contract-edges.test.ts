// The edges of the API contract, as a client with a typo or an old build meets them: an
// unknown /api address, a known one asked with the wrong method, an unknown socket event.
// Each gets the JSON error shape (or an error ack), never an HTML page, a bare status or silence.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket } from "../helpers/socket";

let server: TestServer;
let socket: Socket;
let token: string;
beforeAll(async () => {
  server = await startServer();
  token = (await createUser(server.url)).token;
  socket = await connectSocket(server.url, token);
});
afterAll(async () => {
  socket?.close();
  await server?.stop();
});

describe("the API's edges", () => {
  it("an unknown /api address answers 404 with the JSON error shape, for every method", async () => {
    for (const [method, url] of [
      ["GET", "/api/no-such-thing"],
      ["POST", "/api/conversations/x/no-such-action"],
      ["DELETE", "/api/me/nothing/here"],
    ]) {
      const res = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}` } });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
  });

  it("a wrong method on a real route answers 405 METHOD_NOT_ALLOWED with the shape, and the route still works", async () => {
    const res = await fetch(`${server.url}/api/auth/token`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(body.error.message.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("an unknown socket event is answered with an UNKNOWN_EVENT ack; known events keep working", async () => {
    const ack = await socket.timeout(5_000).emitWithAck("message:sned", { conversationId: "x" });
    expect(ack).toMatchObject({ ok: false, error: { code: "UNKNOWN_EVENT" } });
    // A known event with a bad payload is still VALIDATION_FAILED, not UNKNOWN_EVENT.
    const known = await socket.timeout(5_000).emitWithAck("message:send", { conversationId: "" });
    expect(known).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });
});

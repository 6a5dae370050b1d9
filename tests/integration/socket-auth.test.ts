import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, sessionCookie } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, nextEvent } from "../helpers/socket";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const browserSessionCookie = (username: string, password: string) => sessionCookie(server.url, username, password);

describe("Socket.IO handshake", () => {
  it("accepts a bearer token and says hello with the user's id", async () => {
    const user = await createUser(server.url);
    const socket = await connectSocket(server.url, user.token);
    try {
      const hello = await nextEvent(socket, "hello");
      expect(hello.userId).toBe(user.id);
    } finally {
      socket.close();
    }
  });

  it("refuses a socket without a token", async () => {
    await expect(connectSocket(server.url)).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("refuses a forged token", async () => {
    await expect(connectSocket(server.url, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.x.y")).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("refuses a valid token from a foreign Origin (cross-site WebSocket hijacking)", async () => {
    const user = await createUser(server.url);
    await expect(connectSocket(server.url, user.token, { extraHeaders: { origin: "https://evil.example" } })).rejects.toThrow();
    const same = await connectSocket(server.url, user.token, { extraHeaders: { origin: server.url } });
    same.close();
  });

  it("accepts a browser's next-auth session cookie", async () => {
    const user = await createUser(server.url);
    const cookie = await browserSessionCookie(user.username, user.password);
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect((await me.json()).user.id).toBe(user.id);
    const socket = await connectSocket(server.url, undefined, { extraHeaders: { cookie, origin: server.url } });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});

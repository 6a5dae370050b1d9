import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const settingsOf = async (api: Api) => (await api.get("/api/me")).body.user.settings;

describe("PATCH /api/me/settings", () => {
  it("changes the language, theme and who may message me, and keeps them", async () => {
    const user = await createUser(server.url);
    const res = await user.api.patch("/api/me/settings", { locale: "de", theme: "dark", dmPolicy: "friends" });
    expect(res.status).toBe(200);
    expect(res.body.user.settings).toEqual({ locale: "de", theme: "dark", dmPolicy: "friends", privacyWarningDismissed: false });
    expect(await settingsOf(user.api)).toEqual(res.body.user.settings);

    const back = await user.api.patch("/api/me/settings", { locale: null, theme: null, privacyWarningDismissed: true });
    expect(back.body.user.settings).toEqual({ locale: null, theme: null, dmPolicy: "friends", privacyWarningDismissed: true });
  });

  it("mirrors the language in a cookie for the browser", async () => {
    const user = await createUser(server.url);
    const res = await fetch(`${server.url}/api/me/settings`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({ locale: "de" }),
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith("murmur-locale="))).toMatch(/^murmur-locale=de;/);
  });

  it("refuses bad input with VALIDATION_FAILED and changes nothing", async () => {
    const user = await createUser(server.url);
    await user.api.patch("/api/me/settings", { theme: "light" });
    const before = await settingsOf(user.api);
    for (const body of [
      { locale: "fr" },
      { theme: "dark", locale: "fr" }, // one bad field spoils the lot
      { dmPolicy: "strangers" },
      { theme: "dark", nudityFilter: false }, // not a setting of this route
      { privacyWarningDismissed: "yes" },
      "not json",
      [],
    ]) {
      const res = await user.api.patch("/api/me/settings", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await settingsOf(user.api)).toEqual(before);
  });

  it("needs a login", async () => {
    const res = await new Api(server.url).patch("/api/me/settings", { theme: "dark" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("answers errors in the account's language, else the browser's; the code stays the same", async () => {
    const user = await createUser(server.url);
    const badInput = (headers: Record<string, string> = {}) => user.api.request("PATCH", "/api/me/settings", { locale: "fr" }, headers);

    let res = await badInput({ "accept-language": "en-US" });
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.message).toMatch(/^Some of what you sent isn't valid\./);

    await user.api.patch("/api/me/settings", { locale: "de" });
    res = await badInput({ "accept-language": "en-US" });
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.message).toMatch(/^Ein Teil deiner Eingabe ist ungültig\./);

    await user.api.patch("/api/me/settings", { locale: null });
    expect((await badInput({ "accept-language": "de-AT,de;q=0.9" })).body.error.message).toMatch(/^Ein Teil deiner Eingabe/);
    expect((await badInput({ "accept-language": "en-GB" })).body.error.message).toMatch(/^Some of what you sent/);
  });

  it("tells the user's open sockets about the change", async () => {
    const user = await createUser(server.url);
    const socket = await connectSocket(server.url, user.token);
    try {
      await user.api.patch("/api/me/settings", { theme: "dark" });
      expect(await nextEvent(socket, "me:settings")).toMatchObject({ theme: "dark" });
    } finally {
      socket.close();
    }
  });
});

describe("the socket's language", () => {
  it("follows the account's setting at once, in every ack's error message", async () => {
    const user = await createUser(server.url);
    const socket = await connectSocket(server.url, user.token, { extraHeaders: { "accept-language": "en-US" } });
    try {
      const badSend = () => emitWithAck(socket, "message:send", { conversationId: "nope" }, 3000);
      const before = await badSend();
      expect(before.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^Some of what you sent/) });

      await user.api.patch("/api/me/settings", { locale: "de" });
      await nextEvent(socket, "me:settings");
      expect((await badSend()).error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^Ein Teil deiner Eingabe/) });

      await user.api.patch("/api/me/settings", { locale: null });
      await nextEvent(socket, "me:settings");
      expect((await badSend()).error.message).toMatch(/^Some of what you sent/);
    } finally {
      socket.close();
    }
  });

  it("starts in the account's language, else the browser's", async () => {
    const user = await createUser(server.url);
    await user.api.patch("/api/me/settings", { locale: "de" });
    const german = await connectSocket(server.url, user.token, { extraHeaders: { "accept-language": "en" } });
    const anon = await createUser(server.url);
    const browserGerman = await connectSocket(server.url, anon.token, { extraHeaders: { "accept-language": "de-DE" } });
    try {
      const answer = await emitWithAck(german, "message:send", {}, 3000);
      expect(answer.error.message).toMatch(/^Ein Teil/);
      expect((await emitWithAck(browserGerman, "message:send", {}, 3000)).error.message).toMatch(/^Ein Teil/);
    } finally {
      german.close();
      browserGerman.close();
    }
  });
});

describe("logging in", () => {
  it("sets the language cookie from the account's setting", async () => {
    const user = await createUser(server.url);
    await user.api.patch("/api/me/settings", { locale: "de" });
    const csrfRes = await fetch(`${server.url}/api/auth/csrf`);
    const { csrfToken } = await csrfRes.json();
    const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfRes.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      },
      body: new URLSearchParams({ csrfToken, username: user.username, password: user.password, json: "true" }),
    });
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
    expect(cookies.find((c) => c.startsWith("murmur-locale="))).toMatch(/^murmur-locale=de;/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { birthDateForAge } from "@/db/seed/demo";
import { Api, createUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let anon: Api;
beforeAll(async () => {
  server = await startServer();
  anon = new Api(server.url);
});
afterAll(() => server?.stop());

describe("POST /api/auth/signup", () => {
  it("creates an account: 201 with the user", async () => {
    const res = await anon.post("/api/auth/signup", { username: "Newbie", displayName: "New Bie", password: "long enough", birthDate: birthDateForAge(20) });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: "newbie", displayName: "New Bie", age: 20, ageBand: "adult", canUseDMs: true });
    expect(res.body.user).not.toHaveProperty("passwordHash");
  });

  it("answers 409 USERNAME_TAKEN for a taken name", async () => {
    await anon.post("/api/auth/signup", { username: "twice", displayName: "T", password: "long enough", birthDate: birthDateForAge(20) });
    const res = await anon.post("/api/auth/signup", { username: "TWICE", displayName: "T", password: "long enough", birthDate: birthDateForAge(22) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("USERNAME_TAKEN");
  });

  it("answers 400 VALIDATION_FAILED for bad input, and creates nothing", async () => {
    for (const body of [
      { username: "ab", displayName: "x", password: "long enough", birthDate: "2000-01-01" },
      { username: "valid_name", displayName: "x", password: "short", birthDate: "2000-01-01" },
      { username: "valid_name", displayName: "x", password: "long enough", birthDate: "2001-02-30" },
      { username: "valid_name", displayName: "x", password: "long enough", birthDate: "2999-01-01" },
      { username: "bad name!", displayName: "x", password: "long enough", birthDate: "2000-01-01" },
    ]) {
      const res = await anon.post("/api/auth/signup", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String) });
    }
    expect((await anon.post("/api/auth/token", { username: "valid_name", password: "long enough" })).status).toBe(401);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await anon.request("POST", "/api/auth/signup", "{not json", { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("answers 403 AGE_RESTRICTED under 13", async () => {
    const res = await anon.post("/api/auth/signup", { username: "kiddo", displayName: "K", password: "long enough", birthDate: birthDateForAge(12) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("AGE_RESTRICTED");
  });

  it("translates error messages, never the codes", async () => {
    const res = await anon.request(
      "POST",
      "/api/auth/signup",
      { username: "kiddo2", displayName: "K", password: "long enough", birthDate: birthDateForAge(12) },
      { "accept-language": "de-DE,de;q=0.9" },
    );
    expect(res.body.error.code).toBe("AGE_RESTRICTED");
    expect(res.body.error.message).toMatch(/Alter/);
  });
});

describe("POST /api/auth/token and bearer tokens", () => {
  it("issues a token that works on /api/me", async () => {
    const user = await createUser(server.url, { age: 17 });
    const me = await user.api.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      id: user.id,
      age: 17,
      ageBand: "teen",
      canUseDMs: true,
      safety: { nudityFilter: true, canChange: false },
    });
  });

  it("answers 401 INVALID_CREDENTIALS for a wrong password", async () => {
    const user = await createUser(server.url);
    const res = await anon.post("/api/auth/token", { username: user.username, password: "wrong password" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("answers 401 UNAUTHENTICATED without a token or with a forged one", async () => {
    expect((await anon.get("/api/me")).body.error.code).toBe("UNAUTHENTICATED");
    const forged = await new Api(server.url, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.token.here").get("/api/me");
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("reports the age bands: a 14-year-old cannot use DMs", async () => {
    const kid = await createUser(server.url, { age: 14 });
    expect((await kid.api.get("/api/me")).body.user).toMatchObject({ ageBand: "under16", canUseDMs: false });
  });
});

describe("PATCH /api/me/safety", () => {
  it("refuses a 17-year-old switching the filter off (403) and changes nothing", async () => {
    const teen = await createUser(server.url, { age: 17 });
    const res = await teen.api.patch("/api/me/safety", { nudityFilter: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("AGE_RESTRICTED");
    expect((await teen.api.get("/api/me")).body.user.safety.nudityFilter).toBe(true);
  });

  it("lets an adult switch it off and on", async () => {
    const adult = await createUser(server.url, { age: 30 });
    expect((await adult.api.patch("/api/me/safety", { nudityFilter: false })).body.user.safety).toEqual({ nudityFilter: false, canChange: true });
    expect((await adult.api.patch("/api/me/safety", { nudityFilter: true })).body.user.safety.nudityFilter).toBe(true);
  });

  it("answers 400 for a non-boolean", async () => {
    const adult = await createUser(server.url, { age: 30 });
    expect((await adult.api.patch("/api/me/safety", { nudityFilter: "no" })).status).toBe(400);
  });
});

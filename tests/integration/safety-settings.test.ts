// Safety settings and reports through HTTP, on the real built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture" } });
});
afterAll(() => server?.stop());

describe("the nudity filter setting", () => {
  it("is on by default for an adult, who may switch it off and on again", async () => {
    const adult = await createUser(server.url, { age: 30 });
    expect((await adult.api.get("/api/me")).body.user.safety).toEqual({ nudityFilter: true, canChange: true });
    const off = await adult.api.patch("/api/me/safety", { nudityFilter: false });
    expect(off.status).toBe(200);
    expect(off.body.user.safety).toEqual({ nudityFilter: false, canChange: true });
    expect((await adult.api.get("/api/me")).body.user.safety.nudityFilter).toBe(false);
    expect((await adult.api.patch("/api/me/safety", { nudityFilter: true })).body.user.safety.nudityFilter).toBe(true);
  });

  it("cannot be switched off by a 17-year-old: 403 AGE_RESTRICTED, and it stays on", async () => {
    const teen = await createUser(server.url, { age: 17 });
    const res = await teen.api.patch("/api/me/safety", { nudityFilter: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("AGE_RESTRICTED");
    expect((await teen.api.get("/api/me")).body.user.safety).toEqual({ nudityFilter: true, canChange: false });
    expect((await teen.api.patch("/api/me/safety", { nudityFilter: true })).status).toBe(200);
  });

  it("refuses a body that is not a boolean", async () => {
    const adult = await createUser(server.url, { age: 30 });
    const res = await adult.api.patch("/api/me/safety", { nudityFilter: "no" });
    expect(res.status).toBe(400);
    expect((await adult.api.get("/api/me")).body.user.safety.nudityFilter).toBe(true);
  });
});

describe("POST /api/users/:id/report", () => {
  it("stores a report: 201, and 200 with the same report when repeated while open", async () => {
    const [me, them] = [await createUser(server.url), await createUser(server.url)];
    const first = await me.api.post(`/api/users/${them.id}/report`, { reason: "harassment", details: "rude messages" });
    expect(first.status).toBe(201);
    expect(first.body.report).toMatchObject({ reportedUserId: them.id, reason: "harassment", details: "rude messages", status: "open" });
    const again = await me.api.post(`/api/users/${them.id}/report`, { reason: "harassment" });
    expect(again.status).toBe(200);
    expect(again.body.report.id).toBe(first.body.report.id);
  });

  it('answers 400 for an unknown reason or "other" without details, 404 for an unknown user, 401 without a login', async () => {
    const [me, them] = [await createUser(server.url), await createUser(server.url)];
    expect((await me.api.post(`/api/users/${them.id}/report`, { reason: "meh" })).body.error.code).toBe("VALIDATION_FAILED");
    expect((await me.api.post(`/api/users/${them.id}/report`, { reason: "other" })).body.error.code).toBe("VALIDATION_FAILED");
    expect((await me.api.post(`/api/users/${them.id}/report`, { reason: "spam", messageId: "no-such-message" })).status).toBe(404);
    expect((await me.api.post(`/api/users/does-not-exist/report`, { reason: "spam" })).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/users/${them.id}/report`, { method: "POST", body: JSON.stringify({ reason: "spam" }) });
    expect(anonymous.status).toBe(401);
    const ok = await me.api.post(`/api/users/${them.id}/report`, { reason: "other", details: "pretends to be someone else" });
    expect(ok.status).toBe(201);
  });
});

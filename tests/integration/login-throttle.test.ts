// Password guessing, from the attacker's side: a burst of wrong passwords locks the account
// on both login paths (the bearer-token route and next-auth's credentials login), the right
// password is then refused too until the lock ends, and one address guessing over many
// accounts is stopped. Behind a proxy (TRUST_PROXY=1) each simulated client has its own
// X-Forwarded-For address.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN } from "@/shared/limits";
import { createUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: "1" } });
});
afterAll(async () => {
  await server?.stop();
});

let addressCounter = 0;
const newAddress = () => `198.51.100.${++addressCounter}`;

function tokenLogin(username: string, password: string, address: string) {
  return fetch(`${server.url}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ username, password }),
  });
}

async function browserLogin(username: string, password: string, address: string) {
  const csrfRes = await fetch(`${server.url}/api/auth/csrf`, { headers: { "x-forwarded-for": address } });
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": address,
      cookie: csrfRes.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const loggedIn = res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="));
  const body = await res.json().catch(() => ({}));
  return { loggedIn, error: new URL(body.url ?? "http://x/").searchParams.get("error") };
}

/**
 * A login whose body never ends (an attacker can send the headers and trickle the rest):
 * resolves with the status and body if the server answers anyway, or "no answer".
 */
function unfinishedLogin(path: string, address: string, waitMs = 3_000): Promise<{ status: number; body: Record<string, any> } | "no answer"> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = http.request(url, {
      method: "POST",
      headers: { "content-type": path.endsWith("/token") ? "application/json" : "application/x-www-form-urlencoded", "content-length": "4096", "x-forwarded-for": address },
    });
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      req.destroy();
      resolve("no answer");
    }, waitMs);
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => {
        clearTimeout(timer);
        settled = true;
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || "{}") });
      });
    });
    req.on("error", (e) => {
      if (!settled) reject(e);
    });
    req.write('{"username":"');
  });
}

async function lockAddress(address: string) {
  const targets = await Promise.all(Array.from({ length: Math.ceil(LOGIN.failuresPerAddress / (LOGIN.failuresPerAccount - 1)) }, () => createUser(server.url)));
  let failures = 0;
  for (const t of targets) {
    for (let i = 0; i < LOGIN.failuresPerAccount - 1 && failures < LOGIN.failuresPerAddress; i++, failures++) await tokenLogin(t.username, `guess-${i}`, address);
  }
}

describe("throttled logins", () => {
  it("a locked address is refused before its request is read: a login whose body never ends is answered 429 on both paths", async () => {
    const attacker = newAddress();
    // Not locked yet: the server waits for the body, as it should.
    expect(await unfinishedLogin("/api/auth/token", attacker, 1_000)).toBe("no answer");
    await lockAddress(attacker);

    const token = await unfinishedLogin("/api/auth/token", attacker);
    expect(token).not.toBe("no answer");
    if (token === "no answer") return;
    expect(token.status).toBe(429);
    expect(token.body.error.code).toBe("LOGIN_THROTTLED");
    expect(token.body.error.retryAfter).toBeGreaterThan(0);

    const browser = await unfinishedLogin("/api/auth/callback/credentials", attacker);
    expect(browser).not.toBe("no answer");
    if (browser === "no answer") return;
    expect(browser.status).toBe(429);
    // next-auth's client reads the error from the url it is given.
    expect(new URL(browser.body.url).searchParams.get("error")).toMatch(/^LOGIN_THROTTLED:\d+$/);

    // Everyone else's logins are read and answered as usual.
    const other = newAddress();
    expect(await unfinishedLogin("/api/auth/token", other, 1_000)).toBe("no answer");
    const bystander = await createUser(server.url);
    expect((await tokenLogin(bystander.username, bystander.password, other)).status).toBe(200);
  });

  it("150 wrong passwords in a burst on /api/auth/token lock the account; then the right one is refused with 429 LOGIN_THROTTLED", async () => {
    const victim = await createUser(server.url);
    const attacker = newAddress();
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => tokenLogin(victim.username, `guess-${i}`, attacker)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN.failuresPerAccount);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);

    // The right password, even from another address, is refused while the account is locked.
    const right = await tokenLogin(victim.username, victim.password, newAddress());
    expect(right.status).toBe(429);
    const body = await right.json();
    expect(body.error.code).toBe("LOGIN_THROTTLED");
    expect(body.error.retryAfter).toBeGreaterThan(0);
    expect(body.error.retryAfter).toBeLessThanOrEqual(LOGIN.firstLockSeconds);
    expect(Number(right.headers.get("retry-after"))).toBe(body.error.retryAfter);

    // Another account logs in from a fresh address as usual.
    const bystander = await createUser(server.url);
    expect((await tokenLogin(bystander.username, bystander.password, newAddress())).status).toBe(200);
  });

  it("next-auth's credentials login is throttled the same way and says so", async () => {
    const victim = await createUser(server.url);
    const attacker = newAddress();
    for (let i = 0; i < LOGIN.failuresPerAccount + 3; i++) expect((await browserLogin(victim.username, `guess-${i}`, attacker)).loggedIn).toBe(false);
    const right = await browserLogin(victim.username, victim.password, newAddress());
    expect(right.loggedIn).toBe(false);
    expect(right.error).toMatch(/^LOGIN_THROTTLED:\d+$/);
    // The two paths share the count: the token route is locked too.
    expect((await tokenLogin(victim.username, victim.password, newAddress())).status).toBe(429);
  });

  it("one address guessing across many accounts is stopped, and other addresses are not", async () => {
    const attacker = newAddress();
    const targets = await Promise.all(Array.from({ length: 8 }, () => createUser(server.url)));
    let refused = 0;
    for (let round = 0; round < 5; round++) {
      for (const t of targets) {
        // Three wrong guesses per account at most: no single account gets locked.
        if (round >= 3) continue;
        const res = await tokenLogin(t.username, `guess-${round}`, attacker);
        if (res.status === 429) refused++;
      }
    }
    expect(refused).toBe(0); // 24 failures: under the address's allowance
    for (const t of targets.slice(0, 3)) await tokenLogin(t.username, "one-more", attacker);
    for (const t of targets.slice(3, 6)) await tokenLogin(t.username, "and-more", attacker);
    // 30 failures: the address is out; even a right password from it waits.
    const fromAttacker = await tokenLogin(targets[7].username, targets[7].password, attacker);
    expect(fromAttacker.status).toBe(429);
    expect((await fromAttacker.json()).error.code).toBe("LOGIN_THROTTLED");
    expect((await tokenLogin(targets[7].username, targets[7].password, newAddress())).status).toBe(200);
  });

  it("a right password resets the account's count of failures", async () => {
    const user = await createUser(server.url);
    const address = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LOGIN.failuresPerAccount - 1; i++) expect((await tokenLogin(user.username, `wrong-${round}-${i}`, address)).status).toBe(401);
      expect((await tokenLogin(user.username, user.password, address)).status).toBe(200);
    }
  });
});

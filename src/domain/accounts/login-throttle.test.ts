// The back-off of locked accounts, on the memory store with a fake clock: each lock within
// a day lasts twice as long as the one before, up to the maximum.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LOGIN } from "@/shared/limits";
import { assertLoginAllowed, recordLoginFailure } from "./login-throttle";

const retryAfterOf = async (username: string) => {
  try {
    await assertLoginAllowed({ username, address: null });
    return 0;
  } catch (e) {
    expect(e).toMatchObject({ code: "LOGIN_THROTTLED" });
    return (e as { extra: { retryAfter: number } }).extra.retryAfter;
  }
};

async function failUntilLocked(username: string) {
  for (let i = 0; i < LOGIN.failuresPerAccount; i++) {
    expect(await retryAfterOf(username)).toBe(0);
    await recordLoginFailure({ username, address: null });
  }
}

describe("login throttle back-off", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("locks an account after its allowance, then doubles each further lock, up to the maximum", async () => {
    const username = `backoff-${Math.random().toString(36).slice(2)}`;
    let expected: number = LOGIN.firstLockSeconds;
    for (let lock = 1; lock <= 8; lock++) {
      await failUntilLocked(username);
      expect(await retryAfterOf(username), `lock ${lock}`).toBe(expected);
      await vi.advanceTimersByTimeAsync((expected - 1) * 1000);
      expect(await retryAfterOf(username)).toBeGreaterThan(0); // still locked a second before the end
      await vi.advanceTimersByTimeAsync(1_500);
      expect(await retryAfterOf(username)).toBe(0);
      expected = Math.min(expected * 2, LOGIN.maxLockSeconds);
    }
    expect(expected).toBe(LOGIN.maxLockSeconds);
  });

  it("counts accounts apart, whatever the case of the name", async () => {
    const username = `Case-${Math.random().toString(36).slice(2)}`;
    await failUntilLocked(username);
    expect(await retryAfterOf(username.toLowerCase())).toBe(LOGIN.firstLockSeconds);
    expect(await retryAfterOf(`${username}-other`)).toBe(0);
  });
});

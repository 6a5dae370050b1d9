import { describe, expect, it } from "vitest";
import { discard, enqueue, fail, heldForVideos, hold, isRefusal, memoryOutboxStorage, nextToSend, nextWake, processingProgress, release, resendHeld, retry, settle, videoProgress } from "./outbox";
import type { OutboxItem } from "./types";

const now = new Date("2026-01-01T00:00:00Z");
const three = (): OutboxItem[] => ["a", "b", "c"].reduce<OutboxItem[]>((items, id) => enqueue(items, "c1", { text: id }, id, now), []);

describe("the outbox", () => {
  it("sends in the order written and lets go of a message once the server has it", () => {
    let items = three();
    expect(nextToSend(items)?.clientId).toBe("a");
    items = settle(items, "me", { senderId: "me", clientId: "a" });
    expect(nextToSend(items)?.clientId).toBe("b");
    // someone else's message with the same client id is not mine
    expect(settle(items, "me", { senderId: "other", clientId: "b" })).toBe(items);
  });

  it("a message held back by the rate limit says until when, holds its conversation (not the others) and goes first when the wait is over", () => {
    const until = new Date(now.getTime() + 8_000);
    let items = hold(three(), "a", "RATE_LIMITED", until);
    expect(items[0].waiting).toEqual({ code: "RATE_LIMITED", until: until.toISOString() });
    expect(items[1].waiting).toBeUndefined();
    expect(nextToSend(items, now.getTime())).toBeUndefined(); // b and c stay behind a
    expect(nextWake(items)).toBe(until.getTime());
    const elsewhere = enqueue(items, "c2", { text: "other chat" }, "d", now);
    expect(nextToSend(elsewhere, now.getTime())?.clientId).toBe("d");
    expect(nextToSend(items, until.getTime())?.clientId).toBe("a");
    items = release(items, "a");
    expect(items[0].waiting).toBeUndefined();
    expect(release(items, "a")).toBe(items);
    // A refusal after the wait shows the refusal, not the wait.
    expect(fail(hold(three(), "a", "RATE_LIMITED", until), "a", { code: "BLOCKED", message: "no" })[0].waiting).toBeUndefined();
  });

  it("skips a failed message and retries it with the same client id after the rest", () => {
    let items = fail(three(), "a", { code: "BLOCKED", message: "no" });
    expect(nextToSend(items)?.clientId).toBe("b");
    expect(items[0]).toMatchObject({ status: "failed", error: { code: "BLOCKED" } });
    items = retry(items, "a");
    expect(items.map((i) => i.clientId)).toEqual(["b", "c", "a"]);
    expect(items[2]).toMatchObject({ status: "sending", clientId: "a" });
    expect(discard(items, "a").map((i) => i.clientId)).toEqual(["b", "c"]);
  });

  it("retries network trouble and rate limits but shows refusals as failed", () => {
    expect(isRefusal("NETWORK")).toBe(false);
    expect(isRefusal("RATE_LIMITED")).toBe(false);
    expect(isRefusal("SLOW_MODE")).toBe(false); // a room's slow mode: it waits, then goes
    expect(isRefusal("INTERNAL")).toBe(false);
    expect(isRefusal("BLOCKED")).toBe(true);
    expect(isRefusal("VALIDATION_FAILED")).toBe(true);
  });

  it("survives a reload through its storage", () => {
    const storage = memoryOutboxStorage();
    storage.save(three());
    expect(storage.load().map((i) => i.clientId)).toEqual(["a", "b", "c"]);
  });

  it("a send held for its videos stays sending, is not sent again, shows the slowest video's progress and resolves on message:new", () => {
    const items = [...three(), ...enqueue([], "c2", { mediaIds: ["v1", "v2"] }, "v", now)];
    let held = heldForVideos(items, "v", ["v1", "v2"]);
    const video = held.find((i) => i.clientId === "v")!;
    expect(video).toMatchObject({ status: "sending", processing: { mediaIds: ["v1", "v2"] } });
    expect(processingProgress(video)).toBe(0);
    // Nothing else of c2 waits: the held item is simply not picked again.
    expect(nextToSend(held.filter((i) => i.conversationId === "c2"))).toBeUndefined();
    expect(nextToSend(held)?.clientId).toBe("a");
    held = videoProgress(held, "v1", 0.8);
    held = videoProgress(held, "v2", 0.35);
    expect(processingProgress(held.find((i) => i.clientId === "v")!)).toBe(0.35);
    expect(videoProgress(held, "unrelated", 0.5)).toBe(held);
    expect(settle(held, "me", { senderId: "me", clientId: "v" }).map((i) => i.clientId)).toEqual(["a", "b", "c"]);
  });

  it("a held send that failed shows the reason; after a reconnect a held one is sent again with its client id", () => {
    const held = heldForVideos(enqueue([], "c2", { mediaIds: ["v1"] }, "v", now), "v", ["v1"]);
    const failed = fail(held, "v", { code: "NUDITY_BLOCKED", message: "This visual may contain nudity." });
    expect(failed[0]).toMatchObject({ status: "failed", error: { code: "NUDITY_BLOCKED" } });
    expect(failed[0].processing).toBeUndefined();
    const again = resendHeld(held);
    expect(again[0].processing).toBeUndefined();
    expect(nextToSend(again)?.clientId).toBe("v");
    expect(resendHeld(again)).toBe(again);
  });
});

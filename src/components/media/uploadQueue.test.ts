import { describe, expect, it } from "vitest";
import { VISUALS } from "@/shared/limits";
import { AUTO_ATTEMPTS, CONCURRENT_UPLOADS, nextToPrepare, nextToUpload, overallProgress, queueReducer, readyMediaIds, roomFor, uploadFileOf, type Visual } from "./uploadQueue";

const file = new File(["x"], "x.jpg", { type: "image/jpeg" });
const visual = (id: string): Visual => ({ id, kind: "image", original: file, file, previewUrl: `blob:${id}`, prepare: "done", upload: { state: "idle" } });
const many = (n: number, prefix = "v") => Array.from({ length: n }, (_, i) => visual(`${prefix}${i}`));

describe("upload queue", () => {
  it(`takes at most ${VISUALS.maxPerMessage} visuals`, () => {
    let q = queueReducer([], { type: "add", visuals: many(8) });
    expect(roomFor(q, 3)).toBe(1);
    q = queueReducer(q, { type: "add", visuals: many(3, "w") });
    expect(q.map((v) => v.id)).toEqual([...many(8).map((v) => v.id), "w0"]);
    expect(roomFor(q, 1)).toBe(0);
  });

  it("reorders and removes", () => {
    let q = many(3);
    q = queueReducer(q, { type: "move", id: "v2", by: -2 });
    expect(q.map((v) => v.id)).toEqual(["v2", "v0", "v1"]);
    expect(queueReducer(q, { type: "move", id: "v2", by: -1 })).toBe(q);
    q = queueReducer(q, { type: "remove", id: "v0" });
    expect(q.map((v) => v.id)).toEqual(["v2", "v1"]);
  });

  it("starts uploads in order within the concurrency limit", () => {
    let q = many(4);
    expect(nextToUpload(q, 2).map((v) => v.id)).toEqual(["v0", "v1"]);
    q = queueReducer(q, { type: "started", id: "v0" });
    expect(nextToUpload(q, 2).map((v) => v.id)).toEqual(["v1"]);
  });

  it("retries a network failure automatically, then asks", () => {
    let q = many(1);
    for (let attempt = 1; attempt < AUTO_ATTEMPTS; attempt++) {
      q = queueReducer(q, { type: "started", id: "v0" });
      q = queueReducer(q, { type: "failed", id: "v0", code: "INTERNAL", retryable: true });
      expect(q[0].upload).toEqual({ state: "waiting", attempt });
      q = queueReducer(q, { type: "retry", id: "v0" }); // ignored: not failed
      expect(q[0].upload.state).toBe("waiting");
    }
    q = queueReducer(q, { type: "started", id: "v0" });
    q = queueReducer(q, { type: "failed", id: "v0", code: "INTERNAL", retryable: true });
    expect(q[0].upload).toMatchObject({ state: "failed", code: "INTERNAL" });
    q = queueReducer(q, { type: "retry", id: "v0" });
    expect(q[0].upload.state).toBe("idle");
  });

  it("does not retry what the server refused", () => {
    let q = queueReducer(many(1), { type: "started", id: "v0" });
    q = queueReducer(q, { type: "failed", id: "v0", code: "NUDITY_BLOCKED", retryable: false });
    expect(q[0].upload).toMatchObject({ state: "failed", code: "NUDITY_BLOCKED", retryable: false });
    expect(queueReducer(q, { type: "retry", id: "v0" })[0].upload.state).toBe("failed");
  });

  it("is ready once every visual is uploaded, in the tray's order", () => {
    let q = many(2);
    expect(readyMediaIds(q)).toBeNull();
    q = queueReducer(q, { type: "started", id: "v1" });
    q = queueReducer(q, { type: "progress", id: "v1", progress: 0.5 });
    expect(overallProgress(q)).toBe(0.25);
    q = queueReducer(q, { type: "succeeded", id: "v1", mediaId: "m1" });
    q = queueReducer(q, { type: "succeeded", id: "v0", mediaId: "m0" });
    expect(readyMediaIds(q)).toEqual(["m0", "m1"]);
  });

  it("uploads an edited visual again", () => {
    let q = queueReducer(many(1), { type: "succeeded", id: "v0", mediaId: "m0" });
    q = queueReducer(q, { type: "edited", id: "v0", file, previewUrl: "blob:new" });
    expect(q[0].upload.state).toBe("idle");
    expect(readyMediaIds(q)).toBeNull();
  });

  it("uploads a whole message's visuals at once", () => {
    expect(CONCURRENT_UPLOADS).toBe(VISUALS.maxPerMessage);
    expect(nextToUpload(many(VISUALS.maxPerMessage)).map((v) => v.id)).toHaveLength(VISUALS.maxPerMessage);
  });

  it("holds an unedited photo's upload until it is scaled down, and then sends the smaller copy", () => {
    const small = new File(["y"], "x.jpg", { type: "image/jpeg" });
    let q: Visual[] = many(3).map((v) => ({ ...v, prepare: "waiting" }));
    expect(nextToUpload(q)).toEqual([]);
    expect(nextToPrepare(q, 2).map((v) => v.id)).toEqual(["v0", "v1"]);
    q = queueReducer(q, { type: "preparing", id: "v0" });
    q = queueReducer(q, { type: "preparing", id: "v1" });
    expect(nextToPrepare(q, 2)).toEqual([]);
    q = queueReducer(q, { type: "prepared", id: "v0", downscaled: small, previewUrl: "blob:thumb" });
    expect(q[0].previewUrl).toBe("blob:thumb");
    q = queueReducer(q, { type: "prepared", id: "v1" }); // nothing to gain: the original goes up
    expect(nextToPrepare(q, 2).map((v) => v.id)).toEqual(["v2"]);
    expect(nextToUpload(q).map((v) => v.id)).toEqual(["v0", "v1"]);
    expect(uploadFileOf(q[0])).toBe(small);
    expect(uploadFileOf(q[1])).toBe(file);
  });

  it("sends an edited photo as edited, without waiting for the scaled-down copy", () => {
    const edited = new File(["e"], "x.jpg", { type: "image/jpeg" });
    let q: Visual[] = many(1).map((v) => ({ ...v, prepare: "running" }));
    q = queueReducer(q, { type: "edited", id: "v0", file: edited, previewUrl: "blob:e" });
    expect(nextToUpload(q).map((v) => v.id)).toEqual(["v0"]);
    q = queueReducer(q, { type: "prepared", id: "v0", downscaled: new File(["d"], "d.jpg", { type: "image/jpeg" }) });
    expect(uploadFileOf(q[0])).toBe(edited);
  });
});

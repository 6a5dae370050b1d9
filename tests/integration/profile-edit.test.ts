// Editing one's profile over real HTTP: PATCH /api/me/profile (name, bio, picture) and
// POST /api/me/avatar (a photo through the same pipeline as every upload: sniffed,
// decoded, re-encoded, screened by the nudity filter, then stored). Bad input is a clear
// 400 that changes nothing; a nude or unreadable picture is refused and nothing is kept;
// nobody can put a picture on someone else's profile.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createUser, type TestUser } from "../helpers/api";
import { COLOURS, colourJpeg, filesUnder } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-profile-"));
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture", MURMUR_MEDIA_DIR: mediaDir } });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

async function uploadAvatar(user: TestUser, bytes: Buffer, type = "image/jpeg") {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), "me.jpg");
  const res = await fetch(`${server.url}/api/me/avatar`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

const profileOf = async (user: TestUser) => (await user.api.get("/api/me/profile")).body.profile;
const avatarFiles = () => filesUnder(path.join(mediaDir, "avatars"));

describe("PATCH /api/me/profile", () => {
  it("changes the name and the bio, and others see them", async () => {
    const [me, other] = [await createUser(server.url), await createUser(server.url)];
    const res = await me.api.patch("/api/me/profile", { displayName: "  Robin  ", bio: "Line one\nline two" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.profile).toMatchObject({ id: me.id, displayName: "Robin", bio: "Line one\nline two", avatarUrl: null });
    const seen = await other.api.get(`/api/users/${me.username}`);
    expect(seen.body.profile.user).toMatchObject({ displayName: "Robin", bio: "Line one\nline two" });
  });

  it("refuses bad input with a clear 400 and changes nothing", async () => {
    const me = await createUser(server.url);
    const before = await profileOf(me);
    const bad: unknown[] = [
      {},
      { displayName: "" },
      { displayName: "   " },
      { displayName: "x".repeat(51) },
      { displayName: "tab\there" },
      { bio: "b".repeat(161) },
      { avatarId: "../../etc/passwd" },
      { avatarId: 42 },
      { username: "someoneelse" },
      { displayName: "Fine", isAdmin: true },
    ];
    for (const body of bad) {
      const res = await me.api.patch("/api/me/profile", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    const notJson = await me.api.request("PATCH", "/api/me/profile", "{not json", { "content-type": "application/json" });
    expect(notJson.status).toBe(400);
    expect(await profileOf(me)).toEqual(before);
  });

  it("needs a login", async () => {
    const res = await new Api(server.url).patch("/api/me/profile", { displayName: "Nobody" });
    expect(res.status).toBe(401);
  });
});

describe("a profile picture", () => {
  it("is a screened photo, stored as a square, shown on the profile once saved", async () => {
    const [me, other] = [await createUser(server.url), await createUser(server.url)];
    const up = await uploadAvatar(me, await colourJpeg(COLOURS.safe, 800, 600));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { id, url } = up.body.avatar;
    expect(url).toBe(`/api/avatars/${me.id}/${id}`);

    // Before it is saved only its uploader sees it (the preview).
    const mine = await fetch(server.url + url, { headers: { authorization: `Bearer ${me.token}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await mine.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([512, 512, undefined]);
    expect((await other.api.get(url)).status).toBe(404);

    const saved = await me.api.patch("/api/me/profile", { avatarId: id });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.profile.avatarUrl).toBe(url);
    expect((await other.api.get(`/api/users/${me.username}`)).body.profile.user.avatarUrl).toBe(url);
    expect((await other.api.get(url)).status).toBe(200);

    // A new picture replaces the old one, whose file goes.
    const next = await uploadAvatar(me, await colourJpeg("#3060c0"));
    expect(next.status).toBe(201);
    expect((await me.api.patch("/api/me/profile", { avatarId: next.body.avatar.id })).status).toBe(200);
    expect((await other.api.get(url)).status).toBe(404);
    expect(avatarFiles().some((f) => f.includes(id))).toBe(false);
    // And null removes it.
    expect((await me.api.patch("/api/me/profile", { avatarId: null })).body.profile.avatarUrl).toBeNull();
  });

  it("is refused when nude, when it cannot be checked, or when it is not a photo; nothing is kept and nothing changes", async () => {
    const me = await createUser(server.url);
    // The nudity filter screens profile pictures even for an adult who switched it off for their DMs.
    expect((await me.api.patch("/api/me/safety", { nudityFilter: false })).status).toBe(200);
    const before = await profileOf(me);
    const filesBefore = avatarFiles().length;

    const nude = await uploadAvatar(me, await colourJpeg(COLOURS.blocked));
    expect(nude.status).toBe(422);
    expect(nude.body.error.code).toBe("NUDITY_BLOCKED");
    const unchecked = await uploadAvatar(me, await colourJpeg(COLOURS.failing));
    expect(unchecked.status).toBe(503);
    expect(unchecked.body.error.code).toBe("NUDITY_CHECK_FAILED");
    const text = await uploadAvatar(me, Buffer.from("this is not a picture at all ".repeat(200)));
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe("UNSUPPORTED_MEDIA");
    const html = await uploadAvatar(me, Buffer.from(`<!doctype html><script>alert(1)</script>${" ".repeat(5000)}`));
    expect(html.status).toBe(415);
    // A video is not a profile picture.
    const video = await uploadAvatar(
      me,
      fs.readFileSync(path.join(import.meta.dirname, "../../public/demo/posts", fs.readdirSync(path.join(import.meta.dirname, "../../public/demo/posts")).find((f) => f.endsWith(".mp4"))!)),
      "video/mp4",
    );
    expect(video.status).toBe(415);
    const noFile = await fetch(`${server.url}/api/me/avatar`, { method: "POST", headers: { authorization: `Bearer ${me.token}` }, body: new FormData() });
    expect(noFile.status).toBe(400);

    expect(avatarFiles().length).toBe(filesBefore);
    expect(await profileOf(me)).toEqual(before);
  });

  it("cannot be put on anyone else's profile, nor someone else's put on one's own", async () => {
    const [owner, intruder] = [await createUser(server.url), await createUser(server.url)];
    const up = await uploadAvatar(owner, await colourJpeg(COLOURS.safe));
    expect(up.status).toBe(201);
    const [ownerBefore, intruderBefore] = [await profileOf(owner), await profileOf(intruder)];

    // The owner's upload is not the intruder's to use.
    const stolen = await intruder.api.patch("/api/me/profile", { avatarId: up.body.avatar.id });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe("VALIDATION_FAILED");
    // There is no way to name another account: the profile route is always the caller's own.
    expect((await intruder.api.patch(`/api/me/profile?userId=${owner.id}`, { displayName: "Hacked" })).status).toBe(200);
    expect((await intruder.api.request("PATCH", `/api/users/${owner.id}`, { displayName: "Hacked" })).status).toBe(405);

    expect(await profileOf(owner)).toEqual(ownerBefore);
    expect((await profileOf(intruder)).avatarUrl).toBe(intruderBefore.avatarUrl);
    // Nor can a stranger see an upload that is not on a profile.
    expect((await intruder.api.get(up.body.avatar.url)).status).toBe(404);
  });
});

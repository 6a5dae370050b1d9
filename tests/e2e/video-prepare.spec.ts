// A trimmed, muted video is cut and encoded in the browser (WebCodecs through mediabunny), so
// the server only remuxes it; with the browser path switched off, the same edits go up as
// fields and the server applies them. Either way the recipient gets the trimmed clip.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./csp-guard";
import type { Page } from "@playwright/test";
import { fixtureDir, probeJson, testVideo } from "../helpers/media";
import { conversationPair, openChatAs } from "./support/chat";

const dir = fixtureDir();
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Picks the clip, trims its first 2 s, mutes it, sends it; answers what went up. */
async function sendTrimmed(page: Page, clip: string) {
  const uploads: { body: Buffer; fields: string }[] = [];
  await page.route("**/api/media?*", async (route) => {
    const body = route.request().postDataBuffer() ?? Buffer.alloc(0);
    uploads.push({ body, fields: body.subarray(0, 4000).toString("latin1") });
    await route.continue();
  });
  await page.getByTestId("file-input").setInputFiles(clip);
  await page.getByTestId("tray-item").getByTestId("tray-edit").click();
  const editor = page.getByTestId("video-editor");
  await expect(editor.getByText(/Length after trimming/i)).toBeVisible();
  await editor.locator('input[type="range"]').first().fill("2000");
  await editor.getByRole("checkbox").check();
  await editor.getByTestId("editor-done").click();
  await page.getByTestId("send-visuals").click();
  const warning = page.getByTestId("privacy-warning");
  if (await warning.isVisible().catch(() => false)) await warning.getByTestId("privacy-send").click();
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 120_000 });
  return uploads;
}

for (const path_ of ["browser", "server"] as const) {
  test(`a trimmed, muted clip reaches the recipient 2 s shorter and silent (edits applied by the ${path_})`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const { a, b, conversationId } = await conversationPair(baseURL!);
    const clip = testVideo(path.join(dir, `clip-${path_}.webm`), 6, { size: "640x360", args: ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-c:a", "libopus"] });
    const page = await openChatAs(browser, a, conversationId);
    if (path_ === "server") await page.evaluate(() => localStorage.setItem("murmur.serverVideoEncode", "1"));
    const uploads = await sendTrimmed(page, clip);
    expect(uploads).toHaveLength(1);
    if (path_ === "browser") {
      // Encoded here: H.264 in MP4, no edits left for the server.
      expect(uploads[0].fields).toContain("Content-Type: video/mp4");
      expect(uploads[0].fields).not.toContain("trimStartMs");
      expect(uploads[0].fields).not.toContain('name="muted"');
    } else {
      expect(uploads[0].fields).toContain('name="trimStartMs"');
      expect(uploads[0].fields).toContain('name="muted"');
    }
    // What the recipient gets: about 4 s, H.264, no sound (once the server's job is done, on its path).
    const lastVisual = async () => (await b.api.get(`/api/conversations/${conversationId}/messages`)).body.messages.findLast((m: { kind: string }) => m.kind === "visual");
    await expect.poll(lastVisual, { timeout: 60_000 }).toBeTruthy();
    const video = (await lastVisual()).media[0];
    expect(video.kind).toBe("video");
    expect(video.durationMs).toBeGreaterThan(3500);
    expect(video.durationMs).toBeLessThan(4500);
    const file = path.join(dir, `received-${path_}.mp4`);
    const res = await fetch(new URL(video.url, baseURL), { headers: { authorization: `Bearer ${b.token}` } });
    expect(res.status).toBe(200);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const probe = probeJson(file);
    expect(probe.streams.map((s: { codec_type: string }) => s.codec_type)).toEqual(["video"]);
    expect(probe.streams[0].codec_name).toBe("h264");
    await page.context().close();
  });
}

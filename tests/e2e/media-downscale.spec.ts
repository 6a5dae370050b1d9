// The composer scales photos down before they go up (a 12 MP original becomes at most
// VISUALS.maxImageEdge on its long edge), leaves animations as they are, and uploads a
// whole message's visuals at once. Checked on the bytes of each POST /api/media.
import sharp from "sharp";
import type { Request, Route } from "@playwright/test";
import { PREVIEW_EDGE } from "../../src/components/media/downscale";
import { VISUALS } from "../../src/shared/limits";
import { animation, phonePhoto } from "../helpers/media";
import { expect, test } from "./csp-guard";
import { conversationPair, openChatAs, photos } from "./support/chat";

const PHONE = { viewport: { width: 390, height: 844 } };

/** The `file` part of a multipart body, as the server would receive it. */
function uploadedFile(request: Request): Buffer {
  const body = request.postDataBuffer();
  const boundary = /boundary=(.+)$/.exec(request.headers()["content-type"] ?? "")?.[1];
  if (!body || !boundary) throw new Error("no multipart body");
  const start = body.indexOf('name="file"');
  const dataStart = body.indexOf("\r\n\r\n", start) + 4;
  const dataEnd = body.indexOf(`\r\n--${boundary}`, dataStart);
  return body.subarray(dataStart, dataEnd);
}

async function sendAll(page: import("@playwright/test").Page) {
  await page.getByTestId("send-visuals").click();
  const warning = page.getByTestId("privacy-warning");
  await warning.getByTestId("privacy-send").click();
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 60_000 });
}

test("an unedited 12 MP photo goes up at most 2048 px, upright; an animated GIF goes up byte for byte", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, conversationId } = await conversationPair(baseURL!);
  const page = await openChatAs(browser, a, conversationId, PHONE);
  const sent: Buffer[] = [];
  await page.route("**/api/media?*", async (route: Route) => {
    if (route.request().method() === "POST") sent.push(uploadedFile(route.request()));
    await route.continue();
  });

  const landscape = await phonePhoto(1);
  const upright = await phonePhoto(2, { orientation: 6 }); // stored 4032×3024, shown 3024×4032
  const gif = await animation("gif", ["#ff0000", "#00ff00", "#0000ff"], { width: 2400, height: 1800 });
  await page.getByTestId("file-input").setInputFiles([
    { name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: landscape },
    { name: "IMG_0002.jpg", mimeType: "image/jpeg", buffer: upright },
    { name: "party.gif", mimeType: "image/gif", buffer: gif },
  ]);
  // The tray's tiles show thumbnails drawn from the scaled-down photos, not the 12 MP originals.
  const tiles = page.getByTestId("tray-item").locator("img");
  await expect(tiles).toHaveCount(3);
  const sizes = () => tiles.evaluateAll((imgs) => imgs.map((i) => [(i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight]));
  await expect.poll(sizes).toEqual([
    [PREVIEW_EDGE, (PREVIEW_EDGE * 3) / 4],
    [(PREVIEW_EDGE * 3) / 4, PREVIEW_EDGE],
    [2400, 1800],
  ]);
  await sendAll(page);

  expect(sent).toHaveLength(3);
  const byKind = await Promise.all(sent.map(async (bytes) => ({ bytes, meta: await sharp(bytes).metadata() })));
  const jpegs = byKind.filter((s) => s.meta.format === "jpeg");
  expect(jpegs.map((s) => [s.meta.width, s.meta.height]).sort()).toEqual([
    [1536, 2048],
    [2048, 1536],
  ]);
  for (const { bytes, meta } of jpegs) {
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(VISUALS.maxImageEdge);
    expect(meta.orientation ?? 1).toBe(1); // turned in the pixels, not by a tag
    expect(bytes.length).toBeLessThan(landscape.length / 2);
  }
  const animated = byKind.find((s) => s.meta.format === "gif");
  expect(animated?.bytes.equals(gif)).toBe(true);
});

test("nine photos upload at the same time, each with its own progress", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, b, conversationId } = await conversationPair(baseURL!);
  const page = await openChatAs(browser, a, conversationId, PHONE);
  // Every upload is held until the test has looked: with fewer at a time, the rest never start.
  // (Routing sees the requests the page starts; on the wire Chromium sends six at a time to one
  // origin over HTTP/1.1, all nine over HTTP/2.)
  let inFlight = 0;
  let most = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const timeout = setTimeout(() => release(), 30_000);
  await page.route("**/api/media?*", async (route: Route) => {
    if (route.request().method() !== "POST") return route.continue();
    most = Math.max(most, ++inFlight);
    await held;
    const response = await route.fetch();
    inFlight--;
    await route.fulfill({ response });
  });

  await page.getByTestId("file-input").setInputFiles(await photos(VISUALS.maxPerMessage));
  await page.getByTestId("send-visuals").click();
  await page.getByTestId("privacy-warning").getByTestId("privacy-send").click();
  await expect.poll(() => most, { timeout: 15_000 }).toBe(VISUALS.maxPerMessage);
  const items = page.getByTestId("tray-item");
  await expect(items.and(page.locator('[data-state="uploading"]'))).toHaveCount(VISUALS.maxPerMessage);
  await expect(items.locator("progress")).toHaveCount(VISUALS.maxPerMessage);
  release();
  clearTimeout(timeout);
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 60_000 });

  const pageB = await openChatAs(browser, b, conversationId, PHONE);
  await expect(pageB.getByTestId("visual-grid")).toHaveAttribute("data-count", String(VISUALS.maxPerMessage), { timeout: 30_000 });
});

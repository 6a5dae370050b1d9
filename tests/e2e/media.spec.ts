import { expect, test } from "./csp-guard";
import en from "../../messages/en/media.json" with { type: "json" };
import errors from "../../messages/en/errors.json" with { type: "json" };
import { conversationPair, openChatAs, photos } from "./support/chat";

test("take a photo, add 8 files, crop one, see the warning, send: the other user sees all 9 with the crop; a 10th is refused", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { a, b, conversationId } = await conversationPair(baseURL!);
  const pageA = await openChatAs(browser, a, conversationId);
  const items = pageA.getByTestId("tray-item");

  await pageA.getByTestId("open-camera").click();
  await pageA.getByTestId("camera-shutter").click();
  await expect(items).toHaveCount(1);

  await pageA.getByTestId("file-input").setInputFiles(await photos(8));
  await expect(items).toHaveCount(9);

  // The 10th, from the picker or the camera, is refused with the server's own words.
  await pageA.getByTestId("file-input").setInputFiles(await photos(1, 50));
  await expect(pageA.getByTestId("media-notice")).toHaveText(errors.TOO_MANY_VISUALS);
  await pageA.getByTestId("open-camera").click();
  await expect(pageA.getByTestId("camera")).toBeHidden();
  await expect(items).toHaveCount(9);

  // Crop the second picked file (the third visual) to a square.
  await items.nth(2).getByTestId("tray-edit").click();
  const editor = pageA.getByTestId("photo-editor");
  await editor.getByRole("radio", { name: "1:1" }).check();
  await editor.getByTestId("editor-done").click();
  await expect(editor).toBeHidden();
  await expect(items.nth(2)).toContainText(en.tray.edited);

  await pageA.getByTestId("send-visuals").click();
  const warning = pageA.getByTestId("privacy-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(en.privacy.locationRemoved);
  await warning.getByTestId("privacy-send").click();
  await expect(pageA.getByTestId("visual-panel")).toBeHidden({ timeout: 120_000 });

  const pageB = await openChatAs(browser, b, conversationId);
  const grid = pageB.getByTestId("visual-grid");
  await expect(grid).toHaveAttribute("data-count", "9", { timeout: 30_000 });
  const sizes = await grid.getByTestId("visual-tile").evaluateAll((tiles) => tiles.map((t) => [Number((t as HTMLElement).dataset.width), Number((t as HTMLElement).dataset.height)]));
  expect(sizes).toHaveLength(9);
  const [width, height] = sizes[2];
  expect(width).toBe(height); // the crop reached the recipient
  for (const [w, h] of sizes.filter((_, i) => i !== 2)) expect(w / h).toBeCloseTo(4 / 3, 1);

  // The viewer: open, next with the arrow key, close with Esc.
  await grid.getByTestId("visual-tile").first().click();
  const viewer = pageB.getByTestId("media-viewer");
  await expect(viewer.getByRole("heading")).toHaveText("1 / 9");
  await pageB.keyboard.press("ArrowRight");
  await expect(viewer.getByRole("heading")).toHaveText("2 / 9");
  await expect(viewer.getByTestId("viewer-image")).toHaveAttribute("alt", "Photo 2 of 9");
  await pageB.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
});

test("a 17-year-old sees the privacy warning every time, without a way to turn it off", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, conversationId } = await conversationPair(baseURL!, { a: 17, b: 30 });
  const page = await openChatAs(browser, a, conversationId);
  for (let round = 0; round < 2; round++) {
    await page.getByTestId("file-input").setInputFiles(await photos(1, round));
    await page.getByTestId("send-visuals").click();
    const warning = page.getByTestId("privacy-warning");
    await expect(warning).toBeVisible();
    await expect(warning.getByRole("checkbox")).toHaveCount(0);
    await expect(warning).toContainText(en.privacy.alwaysForTeens);
    await warning.getByTestId("privacy-send").click();
    await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 60_000 });
  }
});

test('an adult may tick "don\'t show again", and is not asked the next time', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, conversationId } = await conversationPair(baseURL!);
  const page = await openChatAs(browser, a, conversationId);
  await page.getByTestId("file-input").setInputFiles(await photos(1));
  await page.getByTestId("send-visuals").click();
  const warning = page.getByTestId("privacy-warning");
  await warning.getByRole("checkbox", { name: en.privacy.dontShowAgain }).check();
  await warning.getByTestId("privacy-send").click();
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 60_000 });
  await expect.poll(async () => (await a.api.get("/api/me")).body.user.settings.privacyWarningDismissed).toBe(true);

  await page.reload();
  await page.getByTestId("file-input").setInputFiles(await photos(1, 7));
  await page.getByTestId("send-visuals").click();
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 60_000 });
  await expect(warning).toBeHidden();
});

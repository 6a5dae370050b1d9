// Issue 17, "phone layout breaks": on every main screen, at a phone's 390×844 and a laptop's
// 1366×900, nothing is wider than the screen or cut off by its scroller, the composer keeps
// room to type in every state, Send stays on screen, a room has a way back, the photo
// editor's buttons stay clickable after Rotate and the viewer fits a 4:3 photo.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./csp-guard";
import { Api, createUser, type TestUser } from "../helpers/api";
import { cid } from "../helpers/chat";
import { opusWebm } from "../helpers/media";
import { conversationPair, photos } from "./support/chat";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmütze";
const LONG_URL = `https://example.com/${"a-very-long-path-segment-".repeat(6)}end`;
const LONG_TEXT = `${"Ein langer Absatz mit vielen Wörtern, damit die Blase umbricht. ".repeat(31)}`.slice(0, 2000);

/** Containers meant to scroll sideways (their items may run past their edge). */
const SIDE_SCROLLERS = ".visual-tray, .topic-chips";

/** What sticks out: the page's own width, then every visible element past the viewport or its clipping ancestor. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((sideScrollers) => {
    const width = window.innerWidth;
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > width) found.push(`document ${root.scrollWidth} > ${width}`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""}${typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el.closest(sideScrollers) && !el.matches(sideScrollers)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || (style.position === "absolute" && box.width <= 1 && box.height <= 1)) continue;
      if (box.right > width + 1) {
        found.push(`${name(el)} right ${Math.round(box.right)} > ${width}`);
        continue;
      }
      // Cut off inside a scroller or a clipping box (e.g. a message list wider than itself).
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (s.overflowX === "visible") continue;
        if (s.position === "fixed") break;
        const clip = up.getBoundingClientRect();
        if (box.right > clip.right + 1 && box.left < clip.right) found.push(`${name(el)} right ${Math.round(box.right)} > ${name(up)} ${Math.round(clip.right)}`);
        break;
      }
    }
    return found.slice(0, 12);
  }, SIDE_SCROLLERS);
}

async function expectFits(page: Page, where: string) {
  expect.soft(await overflowing(page), `${where}: elements past the edge`).toEqual([]);
}

/** The element at a point of `selector`'s box is it (or inside it): nothing covers it. */
async function expectOnTop(page: Page, selector: string, where: string) {
  const hit = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      // The middle and two points inside it (round buttons are hit-tested by their shape).
      const points = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + box.width * 0.3, box.top + box.height * 0.3],
        [box.left + box.width * 0.7, box.top + box.height * 0.7],
      ];
      return points.every(([x, y]) => {
        const at = document.elementFromPoint(x, y);
        return !!at && (at === el || el.contains(at));
      });
    });
  expect.soft(hit, `${where}: ${selector} is covered`).toBe(true);
}

/** The chat composer's text field is wide enough to type in and Send is visible on screen. */
async function expectComposerUsable(page: Page, where: string, send = '[data-testid="send"]', input = '[data-testid="composer"]') {
  const width = await page.locator(input).evaluate((el) => el.getBoundingClientRect().width);
  expect.soft(width, `${where}: composer width`).toBeGreaterThanOrEqual(150);
  const button = page.locator(send);
  await expect(button).toBeVisible();
  const box = (await button.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect.soft(box.x, `${where}: Send on screen`).toBeGreaterThanOrEqual(0);
  expect.soft(box.x + box.width, `${where}: Send on screen`).toBeLessThanOrEqual(viewport.width + 1);
  expect.soft(box.y + box.height, `${where}: Send on screen`).toBeLessThanOrEqual(viewport.height + 1);
  await expectOnTop(page, send, where);
  await expectFits(page, where);
}

async function upload(user: TestUser, baseURL: string, conversationId: string, file: Buffer, name: string, type: string, kind?: string) {
  const form = new FormData();
  form.append("conversationId", conversationId);
  if (kind) form.append("kind", kind);
  form.append("file", new Blob([new Uint8Array(file)], { type }), name);
  const res = await fetch(`${baseURL}/api/media`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
  const body = (await res.json()) as { media: { id: string } };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.media.id;
}

/** The reported content: a voice note, nine photos, a post card, 2,000 characters, a long word and URL, a reaction. */
async function fill(baseURL: string, sender: TestUser, other: TestUser, conversationId: string, voice: Buffer, postId: string) {
  const sent = async (body: Record<string, unknown>) => {
    const res = await sender.api.post(`/api/conversations/${conversationId}/messages`, { clientId: cid(), ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.message as { id: string };
  };
  await sent({ voiceNoteId: await upload(sender, baseURL, conversationId, voice, "voice.webm", "audio/webm", "voice") });
  const pictures = await photos(9);
  const ids: string[] = [];
  for (const p of pictures) ids.push(await upload(sender, baseURL, conversationId, p.buffer, p.name, p.mimeType));
  await sent({ mediaIds: ids, text: "Neun Fotos" });
  await sent({ sharedPostId: postId, text: "Schau mal" });
  const long = await sent({ text: LONG_TEXT });
  await sent({ text: `${LONG_WORD} ${LONG_URL}` });
  const answer = await other.api.post(`/api/conversations/${conversationId}/messages`, { clientId: cid(), text: LONG_WORD });
  expect(answer.status).toBe(201);
  const reacted = await other.api.request("PUT", `/api/messages/${long.id}/reaction`, { emoji: "❤️" });
  expect(reacted.status, JSON.stringify(reacted.body)).toBeLessThan(300);
}

async function pageFor(browser: Browser, user: { username: string; password: string }, viewport: { width: number; height: number }, extra: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport, ...extra });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}

async function openChat(page: Page, conversationId: string) {
  await page.goto(`/inbox/${conversationId}`);
  await expect(page.getByTestId("voice-player")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("visual-grid").first()).toHaveAttribute("data-count", "9");
  await expect(page.getByTestId("message-list")).toContainText(LONG_WORD);
}

let setup: { a: TestUser; b: TestUser; direct: string; group: string; roomId: string } | undefined;

async function prepare(baseURL: string) {
  if (setup) return setup;
  const { a, b, conversationId: direct } = await conversationPair(baseURL);
  const c = await createUser(baseURL);
  // b and c are added to a's group; strangers' group invites may need accepting first.
  const started = await a.api.post("/api/conversations", { kind: "group", title: LONG_WORD, memberIds: [b.id, c.id], message: { clientId: cid(), text: "Hallo zusammen" } });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  const group: string = started.body.conversation.id;
  for (const member of [b, c]) {
    const listed = (await member.api.get("/api/conversations")).body.conversations?.find((x: { id: string }) => x.id === group);
    if (listed?.state === "request") expect((await member.api.post(`/api/conversations/${group}/accept`)).status).toBeLessThan(300);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-layout-"));
  const voice = fs.readFileSync(opusWebm(path.join(dir, "voice.webm"), 3));
  const token = await new Api(baseURL).post("/api/auth/token", { username: "nova", password: "murmur-demo" });
  const nova = new Api(baseURL, token.body.token);
  const posts = await nova.get("/api/posts?limit=1");
  const postId: string = posts.body.posts[0].id;
  await fill(baseURL, a, b, direct, voice, postId);
  await fill(baseURL, a, b, group, voice, postId);
  const room = await nova.post("/api/rooms", { name: LONG_WORD, description: "Layout", audience: "both" });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  const roomId: string = room.body.room.id;
  const samToken = await new Api(baseURL).post("/api/auth/token", { username: "sam", password: "murmur-demo" });
  const joined = await new Api(baseURL, samToken.body.token).post(`/api/rooms/${roomId}/join`);
  expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
  setup = { a, b, direct, group, roomId };
  return setup;
}

for (const [label, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test.describe(`layout on a ${label} (${viewport.width}×${viewport.height})`, () => {
    test("inbox, a 1:1 and a group with every kind of message: nothing wider than the screen, the composer usable in every state", async ({ browser, baseURL }) => {
      test.setTimeout(240_000);
      const { a, direct, group } = await prepare(baseURL!);
      const page = await pageFor(browser, a, viewport);
      await expect(page.getByTestId("inbox-list").or(page.locator(".inbox-list")).first()).toBeVisible();
      await expectFits(page, "inbox");
      // The navigation draws its icons (no font glyphs that may be missing).
      expect.soft(await page.locator(".main-nav-link svg").count()).toBe(4);

      for (const [name, id] of [
        ["1:1", direct],
        ["group", group],
      ] as const) {
        await openChat(page, id);
        await expectComposerUsable(page, `${name} chat`);
        expect.soft(await page.getByTestId("chat-info").locator("svg").count()).toBe(1);
        await page.getByTestId("message-list").evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await expectFits(page, `${name} chat, scrolled to the end`);
      }

      // A reaction chip is a finger-sized target.
      const chip = page.getByTestId("reactions").locator(".reaction-pill").first();
      await chip.scrollIntoViewIfNeeded();
      const chipBox = (await chip.boundingBox())!;
      expect.soft(chipBox.height, "reaction chip height").toBeGreaterThanOrEqual(32);
      expect.soft(chipBox.width, "reaction chip width").toBeGreaterThanOrEqual(32);

      // Replying.
      const last = page.getByTestId("message").filter({ hasText: LONG_URL }).last();
      await last.getByTestId("message-actions").click();
      await last.getByTestId("reply-message").click();
      await expect(page.getByTestId("composer-reply")).toBeVisible();
      await expectComposerUsable(page, "replying");
      await page.getByRole("button", { name: "Cancel reply" }).click();

      // Recording a voice note (the fake microphone), then its preview.
      await page.getByTestId("mic-button").focus();
      await page.keyboard.press("Enter");
      // While recording and in the preview the recorder takes the text field's place (a voice note goes alone).
      await expect(page.getByTestId("voice-recording")).toBeVisible();
      await expectComposerUsable(page, "recording", '[data-testid="mic-button"]', '[data-testid="voice-recording"]');
      await expect(page.getByTestId("voice-recording").getByRole("timer")).toHaveText("0:02", { timeout: 10_000 });
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("voice-preview")).toBeVisible();
      await expectComposerUsable(page, "voice preview", '[data-testid="voice-send"]', '[data-testid="voice-preview"]');
      await page.getByTestId("voice-preview").getByRole("button").first().click();
      await expect(page.getByTestId("voice-preview")).toBeHidden();

      // Ten photos: the tray of nine and the notice refusing the tenth.
      await page.getByTestId("file-input").setInputFiles(await photos(10, 20));
      await expect(page.getByTestId("media-notice")).toBeVisible();
      await expect(page.getByTestId("tray-item")).toHaveCount(9);
      await expectComposerUsable(page, "a notice and nine photos in the tray");
      const trayButton = page.getByTestId("tray-item").first().locator("button").first();
      const trayBox = (await trayButton.boundingBox())!;
      expect.soft(Math.min(trayBox.width, trayBox.height), "tray button size").toBeGreaterThanOrEqual(32);

      // The photo editor after Rotate: Cancel, Done and the crop choices stay clickable.
      await page.getByTestId("tray-item").first().getByTestId("tray-edit").click();
      const editor = page.getByTestId("photo-editor");
      await expect(editor.getByTestId("crop-box")).toBeVisible();
      await editor.getByRole("button", { name: "Rotate" }).click();
      await page.waitForTimeout(300);
      await expectOnTop(page, '[data-testid="editor-done"]', "editor after rotate");
      await expectOnTop(page, '[data-testid="photo-editor"] .editor-header .button:not(.primary)', "editor after rotate");
      await expectOnTop(page, '[data-testid="photo-editor"] .chip-group .chip', "editor after rotate");
      await expectFits(page, "editor after rotate");
      await editor.getByTestId("editor-done").click();
      await expect(editor).toBeHidden();
      await page.context().close();
    });

    test("a voice recorder that fails shows its error without squeezing the composer", async ({ browser, baseURL }) => {
      const { a, direct } = await prepare(baseURL!);
      const page = await pageFor(browser, a, viewport);
      await page.context().addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
      });
      await openChat(page, direct);
      await page.getByTestId("mic-button").focus();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("composer-attachments").locator(".form-error")).toBeVisible();
      await expectComposerUsable(page, "recorder error");
      await page.context().close();
    });

    test("a room as its creator and as a member: Send on screen, a way back on a phone", async ({ browser, baseURL }) => {
      const { roomId } = await prepare(baseURL!);
      for (const username of ["nova", "sam"]) {
        const page = await pageFor(browser, { username, password: "murmur-demo" }, viewport);
        await page.goto(`/rooms/${roomId}`);
        await expect(page.getByTestId("room-view")).toBeVisible();
        await page.getByTestId("room-composer").fill(`${LONG_WORD} ${LONG_URL}`);
        await page.getByTestId("room-composer").press("Enter");
        await expect(page.getByTestId("room-messages")).toContainText(LONG_WORD);
        await expectComposerUsable(page, `room as ${username}`, '[data-testid="room-view"] :is(form.composer, form.room-composer) button[type="submit"]', '[data-testid="room-composer"]');
        const back = page.getByRole("link", { name: "Back to rooms" });
        await expect(back.first()).toBeVisible();
        await back.first().click();
        await expect(page).toHaveURL(/\/rooms$/);
        await expectFits(page, "rooms list");
        await page.context().close();
      }
    });
  });
}

test("the desktop viewer fits a 4:3 photo inside its area", async ({ browser, baseURL }) => {
  const { a, direct } = await prepare(baseURL!);
  const page = await pageFor(browser, a, DESKTOP);
  // A big 4:3 photo, sent and opened.
  const big = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 30, g: 140, b: 90 } } })
    .jpeg()
    .toBuffer();
  const id = await upload(a, baseURL!, direct, big, "big.jpg", "image/jpeg");
  expect((await a.api.post(`/api/conversations/${direct}/messages`, { clientId: cid(), mediaIds: [id] })).status).toBe(201);
  await openChat(page, direct);
  const tile = page.getByTestId("visual-grid").last().getByTestId("visual-tile").first();
  await tile.click();
  const image = page.getByTestId("media-viewer").getByTestId("viewer-image");
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true);
  // Where the picture is drawn: its box, or the part of it object-fit: contain fills.
  const fit = await image.evaluate((el) => {
    const img = el as HTMLImageElement;
    const box = img.getBoundingClientRect();
    const stage = img.closest(".viewer-stage")!.getBoundingClientRect();
    let [w, h] = [box.width, box.height];
    if (getComputedStyle(img).objectFit === "contain") {
      const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
      [w, h] = [img.naturalWidth * scale, img.naturalHeight * scale];
    }
    const [left, top] = [box.left + (box.width - w) / 2, box.top + (box.height - h) / 2];
    return { box: [left, top, left + w, top + h], stage: [stage.left, stage.top, stage.right, stage.bottom], ratio: w / h };
  });
  expect(fit.box[0]).toBeGreaterThanOrEqual(fit.stage[0] - 1);
  expect(fit.box[1]).toBeGreaterThanOrEqual(fit.stage[1] - 1);
  expect(fit.box[2]).toBeLessThanOrEqual(fit.stage[2] + 1);
  expect(fit.box[3]).toBeLessThanOrEqual(fit.stage[3] + 1);
  expect(fit.box[3]).toBeLessThanOrEqual(DESKTOP.height);
  expect(fit.ratio).toBeCloseTo(4 / 3, 1);
  await page.context().close();
});

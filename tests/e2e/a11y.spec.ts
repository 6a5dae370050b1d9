import { expect, test } from "./csp-guard";
import { Api } from "../helpers/api";
import type { Page } from "@playwright/test";
import { conversationPair, openChatAs, photos } from "./support/chat";
import { accountWith, logIn, seriousViolations, startChat, tabTo, type Lang, type Theme } from "./support";

// Every main screen, in both languages and both themes, has no serious or critical
// axe-core finding (WCAG 2.2 A/AA rules, contrast included).
const LANGS: Lang[] = ["en", "de"];
const THEMES: Theme[] = ["light", "dark"];
const SIGNED_OUT = ["/login", "/signup"];
const SIGNED_IN = ["/inbox", "/settings"];

for (const lang of LANGS) {
  for (const theme of THEMES) {
    test(`signed-out screens in ${lang}, ${theme} (following the system)`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: theme, locale: lang, extraHTTPHeaders: { "accept-language": lang } });
      const page = await context.newPage();
      for (const path of SIGNED_OUT) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        expect(await seriousViolations(page), `${path} ${lang} ${theme}`).toEqual([]);
      }
      await context.close();
    });

    test(`signed-in screens in ${lang}, ${theme} (the account's setting)`, async ({ browser, baseURL }) => {
      const user = await accountWith(baseURL!, { locale: lang, theme });
      const friend = await accountWith(baseURL!);
      await user.api.post(`/api/users/${friend.id}/follow`);
      const chat = await startChat(friend, user, "hello 👋");
      // The browser says the other thing: the account's settings must win.
      const context = await browser.newContext({ colorScheme: theme === "dark" ? "light" : "dark", extraHTTPHeaders: { "accept-language": lang === "de" ? "en" : "de" } });
      const page = await context.newPage();
      await logIn(page, user);
      for (const path of [...SIGNED_IN, ...(chat ? [`/inbox/${chat}`] : [])]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        expect(await seriousViolations(page), `${path} ${lang} ${theme}`).toEqual([]);
      }
      await context.close();
    });

    test(`platform, rooms and settings screens in ${lang}, ${theme} (a creator following the browser)`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      // nova (a creator, no language or theme of her own) opens a room through the API.
      const token = await new Api(baseURL!).post("/api/auth/token", { username: "nova", password: "murmur-demo" });
      expect(token.status).toBe(200);
      const nova = new Api(baseURL!, token.body.token);
      const room = await nova.post("/api/rooms", { name: `Axe ${lang} ${theme}`, description: "Checked by axe", audience: "both" });
      expect(room.status, JSON.stringify(room.body)).toBe(201);
      const posts = await nova.get("/api/posts?limit=1");
      const postId: string | undefined = posts.body.posts?.[0]?.id;
      expect(postId, JSON.stringify(posts.body)).toBeTruthy();

      const context = await browser.newContext({ colorScheme: theme, locale: lang, extraHTTPHeaders: { "accept-language": lang } });
      const page = await context.newPage();
      await logIn(page, { username: "nova", password: "murmur-demo" });
      const screens = ["/discover", "/u/nova", `/p/${postId}`, "/rooms", `/rooms/${room.body.room.id}`, "/settings", "/settings/safety", "/settings/creator", "/inbox/new"];
      for (const path of screens) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator("main, #main").first()).toBeVisible();
        expect.soft(await seriousViolations(page), `${path} ${lang} ${theme}`).toEqual([]);
      }
      await context.close();
    });
  }
}

test("the skip link is the first stop and jumps to the content", async ({ page, baseURL }) => {
  const user = await accountWith(baseURL!);
  await logIn(page, user);
  await page.goto("/settings");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("reduced motion switches animations off", async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto("/login");
  const duration = await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.style.transition = "opacity 2s";
    document.body.append(probe);
    return getComputedStyle(probe).transitionDuration;
  });
  expect(duration).toBe("1e-05s");
  await context.close();
});

test("keyboard only: log in, open a chat and send a message", async ({ page, baseURL }) => {
  const me = await accountWith(baseURL!);
  const friend = await accountWith(baseURL!);
  await me.api.post(`/api/users/${friend.id}/follow`);
  const conversationId = await startChat(friend, me, "hey, you there?");

  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(me.username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(me.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox/);

  await tabTo(page, page.getByTestId("inbox-row").first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/inbox/${conversationId}$`));
  await tabTo(page, page.getByTestId("composer"));
  await page.keyboard.type("typed without a mouse");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("message-list")).toContainText("typed without a mouse");
  await expect.poll(async () => (await friend.api.get(`/api/conversations/${conversationId}/messages`)).body.messages?.map((m: { text?: string }) => m.text)).toContain("typed without a mouse");
});

test("keyboard only: open a chat, record a voice note and send it; the other user gets it (and axe passes on it)", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, b, conversationId } = await conversationPair(baseURL!);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(a.username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(a.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox/);

  await tabTo(page, page.getByTestId("inbox-row").first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/inbox/${conversationId}$`));
  await tabTo(page, page.getByTestId("mic-button"), 60);
  await page.keyboard.press("Enter");
  const live = page.getByTestId("voice-recording");
  await expect(live).toBeVisible();
  await expect(live.getByRole("timer")).toHaveText("0:02", { timeout: 10_000 });
  await page.keyboard.press("Enter"); // stop: the focus is still on the recorder's stop button
  await expect(page.getByTestId("voice-preview")).toBeVisible();
  await tabTo(page, page.getByTestId("voice-send"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("voice-preview")).toBeHidden({ timeout: 30_000 });

  const other = await openChatAs(browser, b, conversationId);
  await expect(other.getByTestId("voice-player")).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(other), "a chat with a voice note").toEqual([]);
  await other.context().close();
  await context.close();
});

/** Logs in with the keyboard alone and opens the given chat from the inbox. */
async function keyboardIntoChat(page: Page, user: { username: string; password: string }, conversationId: string) {
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(user.username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox/);
  await tabTo(page, page.getByTestId("inbox-row").first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/inbox/${conversationId}$`));
}

test("keyboard only: react to a message and reply to it", async ({ page, baseURL }) => {
  const { a, b, conversationId } = await conversationPair(baseURL!);
  await keyboardIntoChat(page, b, conversationId);
  const message = page.getByTestId("message").filter({ hasText: "Hi! Photos coming." });

  await tabTo(page, message.getByTestId("react-button"), 80);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reaction-picker")).toBeVisible();
  await page.keyboard.press("Tab"); // the second choice, 😂
  await page.keyboard.press("Enter");
  await expect(message.getByTestId("reactions")).toContainText("😂");
  await expect(message.getByTestId("react-button")).toBeFocused(); // the focus came back

  await tabTo(page, message.getByTestId("message-actions"));
  await page.keyboard.press("Enter");
  await tabTo(page, message.getByTestId("reply-message"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("composer-reply")).toBeVisible();
  await expect(page.getByTestId("composer")).toBeFocused(); // straight on to writing the reply
  await page.keyboard.type("replying by keyboard");
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => {
      const list = (await a.api.get(`/api/conversations/${conversationId}/messages`)).body.messages ?? [];
      const reply = list.find((m: { text?: string }) => m.text === "replying by keyboard");
      const first = list.find((m: { text?: string }) => m.text === "Hi! Photos coming.");
      return [Boolean(reply?.replyToId && reply.replyToId === first?.id), first?.reactions?.map((r: { emoji: string }) => r.emoji)];
    })
    .toEqual([true, ["😂"]]);
});

test("keyboard only: pick two photos through the file chooser and send them", async ({ browser, page, baseURL }) => {
  test.setTimeout(180_000);
  const { a, b, conversationId } = await conversationPair(baseURL!);
  await keyboardIntoChat(page, a, conversationId);
  await tabTo(page, page.getByTestId("attach-files"), 80);
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles(await photos(2, 70));
  await expect(page.getByTestId("tray-item")).toHaveCount(2);
  await tabTo(page, page.getByTestId("send-visuals"), 60);
  await page.keyboard.press("Enter");
  const warning = page.getByTestId("privacy-warning");
  await expect(warning).toBeVisible();
  await tabTo(page, warning.getByTestId("privacy-send"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 120_000 });

  const other = await openChatAs(browser, b, conversationId);
  await expect(other.getByTestId("visual-grid").getByTestId("visual-tile")).toHaveCount(2, { timeout: 60_000 });
  expect(await seriousViolations(other), "a chat with a photo grid").toEqual([]);
  await other.context().close();
});

test("keyboard only: a creator makes a member a moderator, and times another out, from the member list", async ({ page, baseURL }) => {
  const token = async (username: string) => {
    const res = await new Api(baseURL!).post("/api/auth/token", { username, password: "murmur-demo" });
    expect(res.status).toBe(200);
    return new Api(baseURL!, res.body.token);
  };
  const nova = await token("nova");
  const room = await nova.post("/api/rooms", { name: "Keyboard crew", audience: "both" });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  const roomId: string = room.body.room.id;
  for (const fan of ["sam", "leo"]) expect((await (await token(fan)).post(`/api/rooms/${roomId}/join`)).status).toBeLessThan(300);

  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type("nova");
  await page.keyboard.press("Tab");
  await page.keyboard.type("murmur-demo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto(`/rooms/${roomId}`);

  await tabTo(page, page.getByTestId("open-members"), 80);
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByTestId("member-menu-sam"), 60);
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Make moderator" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("member-row").filter({ hasText: "@sam" })).toContainText("Moderator");
  await expect(page.getByTestId("member-menu-sam")).toBeFocused();

  await tabTo(page, page.getByTestId("member-menu-leo"), 60);
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: /^Time out/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Time out for 10 minutes" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await nova.get(`/api/rooms/${roomId}/members`)).body.members?.find((m: { username: string }) => m.username === "leo")?.timedOutUntil ?? null).not.toBeNull();
});

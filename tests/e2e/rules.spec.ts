// Rules explained where they bite: each product rule the server enforces is also said in
// the page at the moment it applies (and the server still refuses what it refuses).
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { birthDateForAge } from "../../src/db/seed/demo";
import { Api, createUser } from "../helpers/api";
import { conversationPair, openChatAs, photos } from "./support/chat";

async function logInAs(browser: Browser, username: string, password = "murmur-demo"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/(inbox|dms-unavailable)/);
  return page;
}

async function demoApi(baseURL: string, username: string) {
  const login = await new Api(baseURL).post("/api/auth/token", { username, password: "murmur-demo" });
  expect(login.status).toBe(200);
  return { id: login.body.user.id as string, api: new Api(baseURL, login.body.token) };
}

test("a new message says it starts with a message or a post, and a dropped or pasted photo gets that notice", async ({ browser, baseURL }) => {
  const a = await createUser(baseURL!);
  const page = await logInAs(browser, a.username, a.password);
  await page.goto("/inbox/new");
  await expect(page.getByTestId("first-message-hint")).toHaveText("Start with a message or a post; photos and voice notes come after.");
  await expect(page.getByTestId("first-message")).toHaveAttribute("aria-describedby", "first-message-hint");
  await expect(page.getByTestId("first-message-media-notice")).toHaveCount(0);

  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([137, 80, 78, 71])], "photo.png", { type: "image/png" }));
    return data;
  });
  await page.getByTestId("first-message").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByTestId("first-message-media-notice")).toContainText("can't start a chat");
  await expect(page.getByTestId("first-message-media-notice")).toContainText("photos and voice notes come after");
  await expect(page).toHaveURL(/\/inbox\/new$/); // the file did not open in the tab

  await page.reload();
  await page.getByTestId("first-message").evaluate((el) => {
    const data = new DataTransfer();
    data.items.add(new File(["x"], "pasted.png", { type: "image/png" }));
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId("first-message-media-notice")).toBeVisible();
});

test("a voice note shows its limit, counts down the last 10 s, says why it stopped at 1:00, and previews in the app's player with one Send", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, conversationId } = await conversationPair(baseURL!);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto("/login");
  await page.getByLabel("Username").fill(a.username);
  await page.getByLabel("Password").fill(a.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto(`/inbox/${conversationId}`);
  await expect(page.getByTestId("composer-attachments")).toBeVisible();

  await page.getByTestId("mic-button").focus();
  await page.keyboard.press("Enter");
  const live = page.getByTestId("voice-recording");
  await expect(live).toHaveAttribute("data-phase", "recording"); // the microphone is on: the clock counts from here
  await expect(live.getByTestId("voice-limit")).toHaveText("up to 1:00");
  await page.clock.fastForward(50_000);
  await expect(live.getByTestId("voice-remaining")).toHaveText("0:10 left");
  await page.clock.fastForward(11_000);

  const preview = page.getByTestId("voice-preview");
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId("voice-limit-reached")).toHaveText("Voice notes can be up to 1:00: the recording stopped there.");
  await expect(preview).toHaveAttribute("aria-label", "Your voice note, 1:00");
  // The app's own player, not the browser's bare one, and one Send.
  await expect(preview.getByTestId("voice-player")).toBeVisible();
  await expect(preview.getByTestId("voice-play")).toBeVisible();
  await expect(preview.locator("audio[controls]")).toHaveCount(0);
  await expect(page.getByTestId("send")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send", exact: true })).toHaveCount(1);
  await preview.getByRole("button", { name: "Delete the recording" }).click();
  await expect(page.getByTestId("send")).toBeVisible();
});

test("messages over the rate limit say why they wait and when they will go, then go", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const { a, conversationId } = await conversationPair(baseURL!);
  const page = await openChatAs(browser, a, conversationId);
  const composer = page.getByTestId("composer");
  // The limit counts in fixed 10 s windows (20 each): a burst that straddles two windows can
  // put up to 40 through, so 42 are over it wherever the windows fall.
  for (let i = 1; i <= 42; i++) {
    await composer.fill(`burst ${i}`);
    await composer.press("Enter");
  }
  const waiting = page
    .getByTestId("pending-message")
    .getByTestId("message-status")
    .filter({ hasText: /^Sending too fast — will send in \d+ s$/ });
  await expect(waiting).toHaveCount(1, { timeout: 15_000 });
  await expect(waiting).toHaveAttribute("data-waiting", "RATE_LIMITED");
  // When the window has passed they go, in order, none failed.
  await expect(page.getByTestId("pending-message")).toHaveCount(0, { timeout: 90_000 });
  await expect(page.locator('[data-testid="message"] .bubble-text').last()).toHaveText("burst 42");
});

test("a 14-year-old gets the feed, her profile and settings in the app's shell, and still no DMs", async ({ browser, baseURL }) => {
  const mia = await logInAs(browser, "mia");
  await expect(mia).toHaveURL(/\/dms-unavailable/);
  const nav = mia.getByTestId("main-nav");
  await expect(nav.locator(".main-nav-label")).toHaveText(["Discover", "Profile", "Settings"]);
  await expect(nav.getByTestId("nav-inbox")).toHaveCount(0);
  await expect(nav.getByTestId("nav-rooms")).toHaveCount(0);
  await expect(mia.getByTestId("dms-unavailable")).toContainText("only for people aged 16 and over");

  await nav.getByTestId("nav-discover").click();
  await expect(mia).toHaveURL(/\/discover$/);
  await expect(mia.getByTestId("feed-post").first()).toBeVisible();
  await expect(mia.getByTestId("share-button")).toHaveCount(0); // sharing sends a DM
  await mia.getByTestId("main-nav").getByTestId("nav-profile").click();
  await expect(mia).toHaveURL(/\/u\/mia$/);
  await expect(mia.getByTestId("profile")).toBeVisible();
  await mia.getByTestId("main-nav").getByTestId("nav-settings").click();
  await expect(mia).toHaveURL(/\/settings$/);
  await expect(mia.getByTestId("profile-menu")).toBeVisible();
  await mia.goto("/inbox");
  await expect(mia).toHaveURL(/\/dms-unavailable/);

  // The server still refuses: a 14-year-old cannot start a conversation.
  const kid = await createUser(baseURL!, { age: 14 });
  const adult = await createUser(baseURL!);
  const refused = await kid.api.post("/api/conversations", { kind: "direct", userId: adult.id, message: { clientId: crypto.randomUUID(), text: "hi" } });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("AGE_RESTRICTED");
});

test("a banned member is told so on the room and the invite page, can't join, and the counts agree", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const nova = await demoApi(baseURL!, "nova");
  const created = await nova.api.post("/api/rooms", { name: `Ban test ${Date.now().toString(36)}`, audience: "both" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const room = created.body.room;
  const invite = (await nova.api.get(`/api/rooms/${room.id}`)).body.room?.inviteCode ?? room.inviteCode;
  expect(invite).toBeTruthy();

  const fans = await Promise.all([createUser(baseURL!), createUser(baseURL!)]);
  for (const fan of fans) {
    expect((await fan.api.post(`/api/creators/${nova.id}/subscription`)).status).toBeLessThan(300);
    expect((await fan.api.post(`/api/rooms/${room.id}/join`)).status).toBeLessThan(300);
  }
  const [banned, stays] = fans;

  const creator = await logInAs(browser, "nova");
  await creator.goto(`/rooms/${room.id}`);
  await expect(creator.getByTestId("room-member-count")).toHaveText("3 members");
  await expect(creator.getByTestId("sidebar-member-count")).toHaveText("3 members");
  // A message from a fan shows live: the creator's page is connected before the ban.
  const topics = (await stays.api.get(`/api/rooms/${room.id}/topics`)).body.topics;
  const posted = await stays.api.post(`/api/rooms/${room.id}/topics/${topics[0].id}/messages`, { clientId: crypto.randomUUID(), text: "hello room" });
  expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
  await expect(creator.getByTestId("room-messages")).toContainText("hello room");

  expect((await nova.api.post(`/api/rooms/${room.id}/bans`, { userId: banned.id })).status).toBe(201);
  await expect(creator.getByTestId("room-member-count")).toHaveText("2 members");
  await expect(creator.getByTestId("sidebar-member-count")).toHaveText("2 members");

  const page = await logInAs(browser, banned.username, banned.password);
  await page.goto(`/rooms/${room.id}`);
  await expect(page.getByTestId("join-banned")).toContainText(`You were banned from ${room.name}`);
  await expect(page.getByRole("button", { name: "Join room" })).toHaveCount(0);
  await page.goto(`/rooms/join/${invite}`);
  await expect(page.getByTestId("join-banned")).toContainText(`You were banned from ${room.name}`);
  await expect(page.getByRole("button", { name: "Join room" })).toHaveCount(0);
  await expect(page.getByText("You're invited")).toHaveCount(0);

  const again = await banned.api.post(`/api/rooms/${room.id}/join`);
  expect(again.status).toBe(403);
  expect(again.body.error.code).toBe("BANNED");
});

test("the typing indicator goes as soon as the message lands", async ({ browser, baseURL }) => {
  const { a, b, conversationId } = await conversationPair(baseURL!);
  const pageB = await openChatAs(browser, b, conversationId);
  const pageA = await openChatAs(browser, a, conversationId);
  await pageA.getByTestId("composer").pressSequentially("on my way", { delay: 150 });
  await expect(pageB.getByTestId("typing")).toContainText("is typing", { timeout: 10_000 });
  await pageA.getByTestId("composer").press("Enter");
  await expect(pageB.locator('[data-testid="message"] .bubble-text').last()).toHaveText("on my way");
  await expect(pageB.getByTestId("typing")).not.toContainText("is typing", { timeout: 1_000 });
});

test('the "up to 9 photos" notice goes once the photos are sent', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, conversationId } = await conversationPair(baseURL!);
  const page = await openChatAs(browser, a, conversationId);
  await page.getByTestId("file-input").setInputFiles(await photos(10));
  await expect(page.getByTestId("tray-item")).toHaveCount(9);
  await expect(page.getByTestId("media-notice")).toHaveText("You can send up to 9 photos and videos at once.");
  await page.getByTestId("send-visuals").click();
  await page.getByTestId("privacy-warning").getByTestId("privacy-send").click();
  await expect(page.getByTestId("visual-panel")).toBeHidden({ timeout: 90_000 });
  await expect(page.getByTestId("media-notice")).toHaveCount(0);
});

test("login and sign-up say which field is wrong and why", async ({ page, baseURL }) => {
  // Login: empty fields, then a wrong password, each at its field.
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("username-error")).toHaveText("Enter a username.");
  await expect(page.getByTestId("password-error")).toHaveText("Enter your password.");
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");

  const user = await createUser(baseURL!);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("Wrong username or password.");
  await expect(page.getByTestId("username-error")).toHaveCount(0);
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-describedby", "password-error");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  // Throttled after repeated failures: the form says for how long.
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("button", { name: "Log in" })).toBeEnabled();
  }
  await expect(page.getByTestId("form-error")).toHaveText(/^Too many login attempts\. Try again in \d+ (second|seconds)\.$/);

  // Sign-up: each field's own reason.
  await page.goto("/signup");
  const fill = async (username: string, password: string, birthDate: string) => {
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill("Test Person");
    await page.getByLabel("Password").fill(password);
    await page.getByLabel("Date of birth").fill(birthDate);
    await page.getByRole("button", { name: "Sign up" }).click();
  };
  await fill("ab", "short", birthDateForAge(25));
  await expect(page.getByTestId("username-error")).toHaveText("A username needs at least 3 characters.");
  await expect(page.getByTestId("password-error")).toHaveText("A password needs at least 8 characters.");
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-describedby", "username-error username-hint");
  await expect(page.getByLabel("Username")).toBeFocused();

  await fill("sam", "a good password", birthDateForAge(25));
  await expect(page.getByTestId("username-error")).toHaveText("That username is taken. Try another one.");
  await expect(page.getByTestId("password-error")).toHaveCount(0);

  await fill("admin", "a good password", birthDateForAge(25));
  await expect(page.getByTestId("username-error")).toHaveText("That username is reserved. Pick another one.");

  await fill(`kid${Date.now().toString(36)}`, "a good password", birthDateForAge(10));
  await expect(page.getByTestId("birthDate-error")).toHaveText("You must be at least 13 to sign up.");
  await expect(page.getByTestId("username-error")).toHaveCount(0);
});

test("a room's new name reaches the members' open views live", async ({ browser, baseURL }) => {
  const nova = await demoApi(baseURL!, "nova");
  const created = await nova.api.post("/api/rooms", { name: `Live name ${Date.now().toString(36)}`, audience: "both" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const room = created.body.room;
  const fan = await createUser(baseURL!);
  expect((await fan.api.post(`/api/creators/${nova.id}/subscription`)).status).toBeLessThan(300);
  expect((await fan.api.post(`/api/rooms/${room.id}/join`)).status).toBeLessThan(300);

  const page = await logInAs(browser, fan.username, fan.password);
  await page.goto(`/rooms/${room.id}`);
  await expect(page.getByTestId("room-header-name")).toHaveText(room.name);
  // Connected: a message posted now shows without a reload.
  const topics = (await fan.api.get(`/api/rooms/${room.id}/topics`)).body.topics;
  await nova.api.post(`/api/rooms/${room.id}/topics/${topics[0].id}/messages`, { clientId: crypto.randomUUID(), text: "welcome" });
  await expect(page.getByTestId("room-messages")).toContainText("welcome");

  const renamed = `${room.name} (renamed)`;
  expect((await nova.api.patch(`/api/rooms/${room.id}`, { name: renamed })).status).toBe(200);
  await expect(page.getByTestId("room-header-name")).toHaveText(renamed);
});

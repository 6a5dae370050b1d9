// Issue 17, "Where is everything?": every action where people look for it. Times on
// messages; report and block from a message and from a profile in two clicks; the
// blocked accounts in Settings; editing one's profile; the Inbox tab's unread badge and
// the in-app notice; confirmations in the app's own dialog, never window.confirm.
import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./csp-guard";
import { createUser, type TestUser } from "../helpers/api";
import { logIn } from "./support";

async function befriend(...users: TestUser[]) {
  for (const a of users) for (const b of users) if (a !== b) expect((await a.api.post(`/api/users/${b.id}/follow`)).status).toBeLessThan(300);
}

async function startDirect(from: TestUser, to: TestUser, text: string): Promise<string> {
  const res = await from.api.post("/api/conversations", { kind: "direct", userId: to.id, message: { clientId: crypto.randomUUID(), text } });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.conversation.id;
}

async function sendText(from: TestUser, conversationId: string, text: string) {
  const res = await from.api.post(`/api/conversations/${conversationId}/messages`, { clientId: crypto.randomUUID(), text });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
}

async function browserFor(browser: Browser, user: TestUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, user);
  return page;
}

/** The tab's chat engine is connected: from now on messages arrive live. */
const online = (page: Page) => expect.poll(() => page.evaluate(() => (window as unknown as { __murmurChat?: { snapshot(): { status: string } } }).__murmurChat?.snapshot().status)).toBe("online");

const blockedIds = async (user: TestUser) => ((await user.api.get("/api/me/blocks")).body.users as { id: string }[]).map((u) => u.id);

/** window.confirm must not be used: a test that meets one fails. */
function refuseNativeDialogs(page: Page) {
  page.on("dialog", (dialog) => {
    void dialog.dismiss();
    throw new Error(`a native ${dialog.type()} dialog was opened: ${dialog.message()}`);
  });
}

test("DM and group messages show their time, in a <time> element", async ({ browser, baseURL }) => {
  const [a, b, c] = [await createUser(baseURL!), await createUser(baseURL!), await createUser(baseURL!)];
  await befriend(a, b, c);
  const direct = await startDirect(a, b, "What time is it?");
  const group = await a.api.post("/api/conversations", { kind: "group", title: "Clocks", memberIds: [b.id, c.id], message: { clientId: crypto.randomUUID(), text: "Group hello" } });
  expect(group.status).toBe(201);
  await sendText(b, direct, "Time to test");

  const page = await browserFor(browser, a);
  for (const id of [direct, group.body.conversation.id as string]) {
    await page.goto(`/inbox/${id}`);
    const stamp = page.getByTestId("message").first().locator("time[datetime]");
    await expect(stamp).toBeVisible();
    const iso = await stamp.getAttribute("datetime");
    expect(Math.abs(Date.parse(iso!) - Date.now())).toBeLessThan(10 * 60_000);
    await expect(stamp).toHaveText(/\d{1,2}:\d{2}/);
  }
});

test("report and block a message's sender from its menu, in two clicks each", async ({ browser, baseURL }) => {
  const [a, b] = [await createUser(baseURL!), await createUser(baseURL!)];
  await befriend(a, b);
  const id = await startDirect(a, b, "Buy cheap followers!");
  const page = await browserFor(browser, b);
  refuseNativeDialogs(page);
  await page.goto(`/inbox/${id}`);
  const message = page.getByTestId("message").filter({ hasText: "Buy cheap followers!" });

  await message.getByTestId("message-actions").click();
  await message.getByTestId("report-message").click();
  const dialog = page.getByTestId("report-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("report-reason-spam").check();
  await dialog.getByTestId("report-send").click();
  await expect(dialog.getByTestId("report-sent")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  await message.getByTestId("message-actions").click();
  await message.getByTestId("block-message-sender").click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm).toContainText(a.username.toUpperCase());
  await confirm.getByTestId("confirm-accept").click();
  await expect(confirm).toBeHidden();
  await expect.poll(() => blockedIds(b)).toEqual([a.id]);
  // The block takes effect: a can no longer write to b.
  const refused = await a.api.post(`/api/conversations/${id}/messages`, { clientId: crypto.randomUUID(), text: "hello?" });
  expect(refused.status).toBeGreaterThanOrEqual(400);
});

test("report and block from a profile, in two clicks each", async ({ browser, baseURL }) => {
  const [a, b] = [await createUser(baseURL!), await createUser(baseURL!)];
  const page = await browserFor(browser, b);
  refuseNativeDialogs(page);
  await page.goto(`/u/${a.username}`);

  await page.getByTestId("profile-more").click();
  await page.getByTestId("profile-report").click();
  const dialog = page.getByTestId("report-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("report-reason-harassment").check();
  await dialog.getByTestId("report-send").click();
  await expect(dialog.getByTestId("report-sent")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.getByTestId("profile-more").click();
  await page.getByTestId("profile-block").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
  await expect(page.getByTestId("profile")).toContainText("You blocked");
  await expect.poll(() => blockedIds(b)).toEqual([a.id]);
});

test("Settings lists blocked accounts, and Unblock lifts the block", async ({ browser, baseURL }) => {
  const [a, b] = [await createUser(baseURL!), await createUser(baseURL!)];
  expect((await b.api.post(`/api/users/${a.id}/block`)).status).toBe(200);
  const page = await browserFor(browser, b);
  await page.goto("/settings");
  const list = page.getByTestId("blocked-accounts");
  const row = list.getByTestId("blocked-account").filter({ hasText: a.username.toUpperCase() });
  await expect(row).toBeVisible();
  await row.getByTestId("unblock-button").click();
  await expect(row).toBeHidden();
  await expect(list).toContainText("You haven't blocked anyone");
  await expect.poll(() => blockedIds(b)).toEqual([]);
});

test("edit one's profile: name, bio and a screened avatar, from the profile and from Settings", async ({ browser, baseURL }) => {
  const me = await createUser(baseURL!);
  const page = await browserFor(browser, me);
  await page.goto(`/u/${me.username}`);
  await expect(page.getByTestId("edit-profile-link")).toBeVisible();
  await page.goto("/settings");
  await page.getByTestId("edit-profile-link").click();
  await expect(page).toHaveURL(/\/settings\/profile$/);

  const form = page.getByTestId("profile-form");
  await form.getByLabel("Display name").fill("Robin Renamed");
  await form.getByLabel("Bio").fill("Likes clocks and tests.");
  const avatar = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
  await form.getByTestId("avatar-input").setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: avatar });
  await expect(form.getByTestId("avatar-preview")).toHaveAttribute("src", /\/api\/avatars\//, { timeout: 30_000 });
  await form.getByTestId("profile-save").click();
  await expect(form.getByTestId("profile-status")).toHaveAttribute("data-state", "saved");

  await page.goto(`/u/${me.username}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Robin Renamed");
  await expect(page.getByTestId("profile")).toContainText("Likes clocks and tests.");
  const img = page.getByTestId("profile").locator("header img").first();
  await expect(img).toHaveAttribute("src", /\/api\/avatars\//);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
});

test("the Inbox tab counts chats with unread messages, live, and a notice opens the chat", async ({ browser, baseURL }) => {
  const [a, b] = [await createUser(baseURL!), await createUser(baseURL!)];
  await befriend(a, b);
  const id = await startDirect(a, b, "first");
  const page = await browserFor(browser, b);
  await page.goto(`/inbox/${id}`); // read the first message
  await expect(page.getByTestId("message")).toHaveCount(1);
  await page.goto("/discover");
  const badge = page.getByRole("navigation").getByTestId("nav-unread-badge");
  await expect(badge).toBeHidden();
  await online(page);

  await sendText(a, id, "Are you there?");
  await expect(badge).toHaveText("1");
  const toast = page.getByTestId("message-toast");
  await expect(toast).toContainText(`New message from ${a.username.toUpperCase()}`);
  await toast.click();
  await expect(page).toHaveURL(new RegExp(`/inbox/${id}$`));
  await expect(page.getByTestId("message").filter({ hasText: "Are you there?" })).toBeVisible();
  await expect(badge).toBeHidden();
  await expect(toast).toBeHidden();
});

test("a muted chat raises neither the badge nor a notice; the open chat raises no notice", async ({ browser, baseURL }) => {
  const [a, b, c] = [await createUser(baseURL!), await createUser(baseURL!), await createUser(baseURL!)];
  await befriend(a, b, c);
  const muted = await startDirect(a, b, "first");
  const open = await startDirect(c, b, "hello");
  expect((await b.api.patch(`/api/conversations/${muted}`, { muted: true })).status).toBe(200);
  const page = await browserFor(browser, b);
  await page.goto(`/inbox/${open}`);
  await expect(page.getByTestId("message")).toHaveCount(1);
  await online(page);
  await sendText(a, muted, "psst");
  await sendText(c, open, "in the open chat");
  await expect(page.getByTestId("message").filter({ hasText: "in the open chat" })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId("message-toast")).toBeHidden();
  await expect(page.getByRole("navigation").getByTestId("nav-unread-badge")).toBeHidden();
});

test("unsend, blocking a request's sender and leaving a group ask in the app's dialog", async ({ browser, baseURL }) => {
  const [a, b, c] = [await createUser(baseURL!), await createUser(baseURL!), await createUser(baseURL!)];
  await befriend(a, b, c);
  const id = await startDirect(a, b, "Oops, wrong chat");
  const page = await browserFor(browser, a);
  refuseNativeDialogs(page);
  await page.goto(`/inbox/${id}`);
  const message = page.getByTestId("message").filter({ hasText: "Oops, wrong chat" });
  // Cancel keeps it.
  await message.getByTestId("message-actions").click();
  await message.getByTestId("unsend-message").click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm).toContainText("Unsend this message for everyone?");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(message).toBeVisible();
  // Confirm unsends it.
  await message.getByTestId("message-actions").click();
  await message.getByTestId("unsend-message").click();
  await confirm.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("message").first()).toContainText("Message unsent");

  // A request from a stranger: Block asks first.
  const stranger = await createUser(baseURL!);
  const request = await startDirect(stranger, a, "Hi, we don't know each other");
  await page.goto(`/inbox/${request}`);
  await page.getByTestId("block-sender").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
  await expect.poll(() => blockedIds(a)).toEqual([stranger.id]);

  // Leaving a group asks first.
  const group = await a.api.post("/api/conversations", { kind: "group", title: "Leavers", memberIds: [b.id, c.id], message: { clientId: crypto.randomUUID(), text: "bye soon" } });
  expect(group.status).toBe(201);
  await page.goto(`/inbox/${group.body.conversation.id}`);
  await page.getByTestId("chat-info").click();
  await page.getByTestId("leave-group").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
  await expect(page).toHaveURL(/\/inbox$/);
});

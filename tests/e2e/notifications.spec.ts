import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { accountWith, logIn, startChat } from "./support";

// Records every `new Notification(...)` the page makes, then lets the real one run.
// Headless tabs are always visible, so the test hides the tab the way a browser would:
// visibilityState "hidden" and a visibilitychange event.
const RECORD_NOTIFICATIONS = () => {
  const Real = window.Notification;
  const seen: { title: string; body?: string; instance: Notification }[] = [];
  (window as unknown as { __notifications: typeof seen }).__notifications = seen;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      seen.push({ title, body: options?.body, instance: this });
    }
  }
  Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
  window.Notification = Recorded as typeof Notification;
};

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications.map(({ title, body }) => ({ title, body })));

async function hideTab(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

test("a new message while the tab is hidden shows a notification; a click opens the chat", async ({ browser, baseURL }) => {
  const reader = await accountWith(baseURL!);
  const friend = await accountWith(baseURL!);
  const stranger = await accountWith(baseURL!);
  await reader.api.post(`/api/users/${friend.id}/follow`);
  await friend.api.post(`/api/users/${reader.id}/follow`);
  const conversationId = await startChat(friend, reader, "hi!");

  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(RECORD_NOTIFICATIONS);
  const page = await context.newPage();
  await logIn(page, reader);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Turn on notifications" }).click();
  await expect(page.getByTestId("notifications-state")).toHaveText("Notifications are on.");
  await expect.poll(() => page.evaluate(() => (window as unknown as { __murmurChat?: { snapshot(): { status: string } } }).__murmurChat?.snapshot().status)).toBe("online");

  await hideTab(page);
  await friend.api.post(`/api/conversations/${conversationId}/messages`, { clientId: crypto.randomUUID(), text: "Are you coming tonight?" });
  await expect.poll(() => shown(page)).toContainEqual({ title: friend.username.toUpperCase(), body: "Are you coming tonight?" });
  await expect(page).toHaveTitle(/^\(\d+\) /);

  // A message request: who it is from, never what it says.
  await startChat(stranger, reader, "secret words");
  await expect.poll(() => shown(page)).toContainEqual({ title: "New message request", body: `${stranger.username.toUpperCase()} wants to send you a message.` });
  expect(JSON.stringify(await shown(page))).not.toContain("secret words");

  // Clicking the notification opens the chat.
  await page.evaluate(() => {
    const list = (window as unknown as { __notifications: { title: string; instance: Notification }[] }).__notifications;
    list.find((n) => n.title !== "New message request")!.instance.onclick!(new Event("click"));
  });
  await expect(page).toHaveURL(new RegExp(`/inbox/${conversationId}$`));
  await context.close();
});

test("no notification while the tab is visible", async ({ browser, baseURL }) => {
  const reader = await accountWith(baseURL!);
  const friend = await accountWith(baseURL!);
  await reader.api.post(`/api/users/${friend.id}/follow`);
  const conversationId = await startChat(friend, reader, "hello");

  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(RECORD_NOTIFICATIONS);
  const page = await context.newPage();
  await logIn(page, reader);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Turn on notifications" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __murmurChat?: { snapshot(): { status: string } } }).__murmurChat?.snapshot().status)).toBe("online");
  await friend.api.post(`/api/conversations/${conversationId}/messages`, { clientId: crypto.randomUUID(), text: "visible" });
  // The polite announcement proves the message arrived; no notification was made for it.
  await expect(page.getByTestId("live-polite")).toContainText("visible");
  expect(await shown(page)).toEqual([]);
  await context.close();
});

// For media end-to-end tests: two fresh users in an accepted 1:1 that already has a
// text message (visuals and voice notes can't come first), and logging in in a browser.
import crypto from "node:crypto";
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import sharp from "sharp";
import { createUser, type TestUser } from "../../helpers/api";

export async function conversationPair(baseURL: string, ages: { a?: number; b?: number } = {}) {
  const a = await createUser(baseURL, { age: ages.a ?? 25 });
  const b = await createUser(baseURL, { age: ages.b ?? 25 });
  const started = await a.api.post("/api/conversations", { kind: "direct", userId: b.id, message: { clientId: crypto.randomUUID(), text: "Hi! Photos coming." } });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  const conversationId: string = started.body.conversation.id;
  // Strangers start as a message request: media waits until it is accepted.
  if (started.body.conversation.state === "request" || (await b.api.get("/api/conversations")).body.conversations?.some((c: any) => c.id === conversationId && c.state === "request")) {
    const accepted = await b.api.post(`/api/conversations/${conversationId}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBeLessThan(300);
  }
  return { a, b, conversationId };
}

export async function openChatAs(browser: Browser, user: TestUser, conversationId: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto(`/inbox/${conversationId}`);
  await expect(page.getByTestId("composer-attachments")).toBeVisible();
  return page;
}

/** Distinct 640×480 JPEGs, as a phone's gallery would give. */
export async function photos(count: number, from = 0) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `photo-${from + i}.jpg`,
      mimeType: "image/jpeg",
      buffer: await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: ((from + i) * 23) % 256, g: 120, b: 200 } } })
        .jpeg()
        .toBuffer(),
    })),
  );
}

import type { Browser, BrowserContext, Page, WebSocket } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { birthDateForAge } from "../../src/db/seed/demo";

const PASSWORD = "a good password";

interface Person {
  username: string;
  id: string;
  context: BrowserContext;
  page: Page;
}

/** A fresh adult, signed up through the API and logged in in a browser of their own. */
async function person(browser: Browser, label: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const username = `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const signup = await page.request.post("/api/auth/signup", { data: { username, displayName: label.toUpperCase(), password: PASSWORD, birthDate: birthDateForAge(25) } });
  expect(signup.status()).toBe(201);
  const { user } = await signup.json();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  return { username, id: user.id, context, page };
}

/** A write through the page's cookie, as the app's own pages send it (the server refuses cookie writes from other sites). */
const appPost = (page: Page, path: string, data: unknown = {}) => page.request.post(path, { data, headers: { origin: new URL(page.url()).origin } });

/** Everyone follows everyone, so first messages land in the inbox rather than in requests. */
async function befriend(people: Person[]) {
  for (const a of people) for (const b of people) if (a !== b) expect((await appPost(a.page, `/api/users/${b.id}/follow`)).status()).toBeLessThan(300);
}

async function startChat(from: Person, to: Person[], text: string, title?: string) {
  const page = from.page;
  await page.goto("/inbox/new");
  for (const p of to) {
    await page.getByTestId("people-search").fill(p.username);
    await page.locator(`[data-testid="person-result"][data-username="${p.username}"] input`).check();
  }
  if (title) await page.getByTestId("group-title").fill(title);
  await page.getByTestId("first-message").fill(text);
  await page.getByTestId("start-chat").click();
  await expect(page).toHaveURL(/\/inbox\/[^/]+$/);
  await expect(bubbles(page)).toHaveText([text]);
  return page.url().split("/").at(-1)!;
}

async function send(page: Page, text: string) {
  await page.getByTestId("composer").fill(text);
  await page.getByTestId("composer").press("Enter");
}

/**
 * The page's Socket.IO WebSockets from now on, as the browser's network sees them: `connected`
 * once the first has the server's "hello" (its first event on a connected socket); `dropped()`
 * once every one has been let go by the app, i.e. sent Socket.IO's disconnect packet ("41") or
 * closed. (Under emulated offline the close handshake may not complete until back online, so
 * the packet leaving the page is the surest sign.)
 */
function watchSockets(page: Page): { connected: Promise<void>; dropped: () => boolean } {
  const sockets: WebSocket[] = [];
  const letGo = new Set<WebSocket>();
  let onHello = () => {};
  const connected = new Promise<void>((resolve) => (onHello = resolve));
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/socket.io/")) return;
    sockets.push(ws);
    ws.on("framereceived", (frame) => {
      if (String(frame.payload).startsWith('42["hello"')) onHello();
    });
    ws.on("framesent", (frame) => {
      if (String(frame.payload) === "41") letGo.add(ws);
    });
    ws.on("close", () => letGo.add(ws));
  });
  return { connected, dropped: () => sockets.length > 0 && sockets.every((ws) => letGo.has(ws) || ws.isClosed()) };
}

const bubbles = (page: Page) => page.locator('[data-testid="message"] .bubble-text, [data-testid="pending-message"] .bubble-text');

test("two people chat in real time", async ({ browser }) => {
  const [ana, ben] = [await person(browser, "ana"), await person(browser, "ben")];
  await befriend([ana, ben]);
  const id = await startChat(ana, [ben], "Hi Ben!");

  await ben.page.goto("/inbox");
  const row = ben.page.getByTestId("inbox-row").filter({ hasText: "Hi Ben!" });
  await expect(row.getByTestId("unread-badge")).toHaveText("1");
  await row.click();
  await expect(ben.page).toHaveURL(new RegExp(`/inbox/${id}$`));
  await expect(bubbles(ben.page)).toHaveText(["Hi Ben!"]);

  await send(ben.page, "Hey Ana, see https://example.org");
  await expect(bubbles(ana.page)).toHaveText(["Hi Ben!", "Hey Ana, see https://example.org"]);
  await expect(ana.page.getByTestId("message-list").getByRole("link", { name: "https://example.org", exact: true })).toHaveAttribute("href", "https://example.org");
  // Ben is looking at the chat, so Ana's message shows as seen.
  await send(ana.page, "Great");
  await expect(bubbles(ben.page)).toHaveText(["Hi Ben!", "Hey Ana, see https://example.org", "Great"]);
  await expect(ana.page.getByTestId("message-status")).toHaveText("Seen");
  // Typing shows on the other side.
  await ben.page.getByTestId("composer").pressSequentially("typing");
  await expect(ana.page.getByTestId("typing")).toContainText("BEN");
  await Promise.all([ana.context.close(), ben.context.close()]);
});

test("a group of three", async ({ browser }) => {
  const people = [await person(browser, "gia"), await person(browser, "hal"), await person(browser, "ivy")];
  await befriend(people);
  const [gia, hal, ivy] = people;
  const id = await startChat(gia, [hal, ivy], "Dinner on Friday?", "Friday");
  for (const p of [hal, ivy]) await p.page.goto(`/inbox/${id}`);
  await expect(hal.page.getByTestId("chat-title")).toHaveText("Friday");
  await send(hal.page, "I'm in");
  await expect(bubbles(ivy.page)).toHaveText(["Dinner on Friday?", "I'm in"]);
  await send(ivy.page, "Me too");
  for (const p of people) await expect(bubbles(p.page)).toHaveText(["Dinner on Friday?", "I'm in", "Me too"]);
  await Promise.all(people.map((p) => p.context.close()));
});

test("going offline: what was sent meanwhile arrives in order, once; what was written goes out", async ({ browser }) => {
  const [ana, ben] = [await person(browser, "ola"), await person(browser, "pim")];
  await befriend([ana, ben]);
  const id = await startChat(ana, [ben], "one");
  const benSockets = watchSockets(ben.page);
  await ben.page.goto(`/inbox/${id}`);
  await expect(bubbles(ben.page)).toHaveText(["one"]);
  await benSockets.connected; // online for real before going offline

  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId("chat-view").getByTestId("connection-status")).toHaveAttribute("data-status", "offline");
  // The banner shows when the browser reports the network gone, and the app then drops its
  // socket; Ana sends only once that socket has really gone out of the page (its disconnect
  // packet sent, or the socket closed), so nothing she sends can still reach Ben on it.
  await expect.poll(() => benSockets.dropped()).toBe(true);
  for (const text of ["two", "three", "four"]) await send(ana.page, text);
  await expect(bubbles(ana.page)).toHaveText(["one", "two", "three", "four"]);
  await expect(ana.page.getByTestId("pending-message")).toHaveCount(0);
  // Nothing reaches Ben while he is offline...
  await expect(bubbles(ben.page)).toHaveText(["one"]);
  // ...and what he writes waits in his outbox.
  await send(ben.page, "written offline");
  await expect(ben.page.getByTestId("pending-message")).toHaveAttribute("data-status", "sending");

  await ben.context.setOffline(false);
  await expect(ben.page.getByTestId("chat-view").getByTestId("connection-status")).toHaveCount(0);
  await expect(bubbles(ben.page)).toHaveText(["one", "two", "three", "four", "written offline"]);
  await expect(ben.page.getByTestId("pending-message")).toHaveCount(0);
  await expect(bubbles(ana.page)).toHaveText(["one", "two", "three", "four", "written offline"]);
  await Promise.all([ana.context.close(), ben.context.close()]);
});

test("a message written offline survives a reload and goes out once back online", async ({ browser }) => {
  const [ana, ben] = [await person(browser, "qia"), await person(browser, "rob")];
  await befriend([ana, ben]);
  const id = await startChat(ana, [ben], "hello");
  await ben.page.goto(`/inbox/${id}`);
  await expect(bubbles(ben.page)).toHaveText(["hello"]);
  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId("chat-view").getByTestId("connection-status")).toHaveAttribute("data-status", "offline");
  await send(ben.page, "first");
  await send(ben.page, "second");
  await expect(ben.page.getByTestId("pending-message")).toHaveCount(2);
  // The tab is closed before it could send; a new one, back online, sends the outbox.
  await ben.page.close();
  await ben.context.setOffline(false);
  const again = await ben.context.newPage();
  await again.goto(`/inbox/${id}`);
  await expect(bubbles(ana.page)).toHaveText(["hello", "first", "second"]);
  await expect(bubbles(again)).toHaveText(["hello", "first", "second"]);
  await expect(again.getByTestId("pending-message")).toHaveCount(0);
  await Promise.all([ana.context.close(), ben.context.close()]);
});

test("a chat that gets a message while you are in the inbox opens with its whole history", async ({ browser }) => {
  const [ana, ben] = [await person(browser, "ana"), await person(browser, "ben")];
  await befriend([ana, ben]);
  const id = await startChat(ana, [ben], "first");
  for (const text of ["second", "third"]) {
    const res = await appPost(ana.page, `/api/conversations/${id}/messages`, { clientId: crypto.randomUUID(), text });
    expect(res.status()).toBe(201);
  }
  // Ben is in his inbox (the chat not opened in this page) when the next message arrives.
  await ben.page.goto("/inbox");
  await expect(ben.page.getByTestId("inbox-row").first()).toBeVisible();
  const res = await appPost(ana.page, `/api/conversations/${id}/messages`, { clientId: crypto.randomUUID(), text: "fourth, while you were away" });
  expect(res.status()).toBe(201);
  await expect(ben.page.getByTestId("inbox-row").first()).toContainText("fourth");
  await ben.page.getByTestId("inbox-row").first().click();
  await expect(ben.page).toHaveURL(new RegExp(`/inbox/${id}$`));
  await expect(bubbles(ben.page)).toHaveText(["first", "second", "third", "fourth, while you were away"]);
  // Leaving and coming back keeps it.
  await ben.page.goto("/inbox");
  await ben.page.getByTestId("inbox-row").first().click();
  await expect(bubbles(ben.page)).toHaveText(["first", "second", "third", "fourth, while you were away"]);
  await Promise.all([ana.context.close(), ben.context.close()]);
});

test("a member added later sees a reply to an earlier message as a reply to a message from before they joined", async ({ browser }) => {
  const [ana, ben, cat, dan] = [await person(browser, "ana"), await person(browser, "ben"), await person(browser, "cat"), await person(browser, "dan")];
  await befriend([ana, ben, cat, dan]);
  const started = await appPost(ana.page, "/api/conversations", { kind: "group", title: "Before Dan", memberIds: [ben.id, cat.id], message: { clientId: `e2e-${Date.now()}-1`, text: "hello" } });
  expect(started.status()).toBe(201);
  const id = (await started.json()).conversation.id as string;
  const early = await appPost(ana.page, `/api/conversations/${id}/messages`, { clientId: `e2e-${Date.now()}-2`, text: "the surprise party plan" });
  const earlyId = (await early.json()).message.id as string;
  expect((await appPost(ana.page, `/api/conversations/${id}/members`, { userIds: [dan.id] })).status()).toBe(200);
  expect((await appPost(ana.page, `/api/conversations/${id}/messages`, { clientId: `e2e-${Date.now()}-3`, text: "keep it quiet", replyToId: earlyId })).status()).toBe(201);

  await dan.page.goto(`/inbox/${id}`);
  await expect(bubbles(dan.page)).toHaveText(["keep it quiet"]);
  await expect(dan.page.getByTestId("quote-unavailable")).toHaveText("A message from before you joined");
  await expect(dan.page.getByText("the surprise party plan")).toHaveCount(0);
  // Ben, who was there, sees the quote.
  await ben.page.goto(`/inbox/${id}`);
  await expect(ben.page.getByTestId("quote")).toContainText("the surprise party plan");
  for (const p of [ana, ben, cat, dan]) await p.context.close();
});

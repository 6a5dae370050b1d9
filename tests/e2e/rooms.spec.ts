import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";

async function logIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("murmur-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}

test("a creator opens a room and a topic, fans join and post, a moderator bans a spammer whose view closes", async ({ browser }) => {
  test.setTimeout(120_000);
  const nova = await logIn(browser, "nova");
  await nova.goto("/rooms");
  await nova.getByLabel("Name").fill("Nova's Dance Crew");
  await nova.getByLabel("Description").fill("Routines, LIVE prep and behind the scenes");
  await nova.getByLabel("Who can join").selectOption("both");
  await nova.getByRole("button", { name: "Create room" }).click();
  await expect(nova).toHaveURL(/\/rooms\/[^/?]+$/);
  const roomUrl = new URL(nova.url()).pathname;

  await nova.getByRole("button", { name: "+ New topic" }).click();
  await nova.getByLabel("Topic title").fill("Ideas for my next video");
  await nova.getByRole("button", { name: "Open topic" }).click();
  await expect(nova).toHaveURL(/\?topic=/);
  await expect(nova.getByRole("heading", { name: "Ideas for my next video" })).toBeVisible();
  const topicUrl = nova.url();

  // sam subscribes to nova: the room is offered on /rooms.
  const sam = await logIn(browser, "sam");
  await sam.goto("/rooms");
  const offer = sam.getByTestId("joinable-rooms").getByTestId("room-card").filter({ hasText: "Nova's Dance Crew" });
  await offer.getByRole("button", { name: "Join room" }).click();
  await expect(sam).toHaveURL(new RegExp(`${roomUrl}$`));
  await sam
    .getByRole("link", { name: /Ideas for my next video/ })
    .first()
    .click();
  await expect(sam.getByRole("heading", { name: "Ideas for my next video" })).toBeVisible();
  await sam.getByTestId("room-composer").fill("A tutorial on the Sunday routine, please!");
  await sam.getByTestId("room-composer").press("Enter");
  await expect(nova.getByTestId("room-messages")).toContainText("A tutorial on the Sunday routine, please!");

  // nova makes sam a moderator from the member list.
  await nova.getByTestId("open-members").click();
  await expect(nova.getByTestId("member-list")).toContainText("Sam Berger");
  await nova.getByTestId("member-menu-sam").click();
  await nova.getByRole("button", { name: "Make moderator" }).click();
  await expect(nova.getByTestId("member-row").filter({ hasText: "Sam Berger" })).toContainText("Moderator");
  await expect(sam.getByTestId("open-log")).toBeVisible();

  // leo (nova's fan club) comes in through the invite link and spams.
  await nova.getByTestId("open-settings").click();
  const invite = await nova.getByTestId("invite-link").inputValue();
  const leo = await logIn(browser, "leo");
  await leo.goto(new URL(invite).pathname);
  await expect(leo.getByTestId("join-card")).toContainText("Nova's Dance Crew");
  await leo.getByRole("button", { name: "Join room" }).click();
  await expect(leo.getByTestId("room-view")).toBeVisible();
  await leo.goto(topicUrl.replace(/^https?:\/\/[^/]+/, ""));
  await leo.getByTestId("room-composer").fill("FREE FOLLOWERS at http://spam.example");
  await leo.getByTestId("room-composer").press("Enter");

  const spam = sam.getByTestId("room-message").filter({ hasText: "FREE FOLLOWERS" });
  await expect(spam).toBeVisible();
  await spam.hover();
  await spam.getByTestId("message-menu").click();
  await sam.getByRole("button", { name: "Ban from room" }).click();
  await sam.getByTestId("ban-dialog").getByLabel("Reason (optional)").fill("spam links");
  await sam.getByTestId("ban-dialog").getByRole("button", { name: "Ban from room" }).click();

  // leo's view closes at once; a reload says he was banned, with no join button.
  await expect(leo.getByTestId("room-closed")).toContainText("You've been removed from this room");
  await leo.reload();
  await expect(leo.getByTestId("join-banned")).toContainText("You were banned from Nova's Dance Crew");
  await expect(leo.getByRole("button", { name: "Join room" })).toHaveCount(0);

  // The moderation log says who did what to whom and why.
  await sam.getByTestId("open-log").click();
  await expect(sam.getByTestId("moderation-log").getByTestId("log-entry").first()).toContainText("Sam Berger banned Leo Hartmann");
  await expect(sam.getByTestId("moderation-log")).toContainText("Reason: spam links");
  await expect(nova.getByTestId("room-messages")).toContainText("FREE FOLLOWERS");
});

test("a creator under the follower line sees why rooms are not open to them yet", async ({ browser }) => {
  const kai = await logIn(browser, "kai");
  await kai.goto("/rooms");
  await expect(kai.getByTestId("eligibility")).toBeVisible();
  await expect(kai.getByTestId("rule-followers")).toHaveAttribute("data-met", "false");
  await expect(kai.getByTestId("rule-followers")).toContainText("at least 10,000 followers (you have 9,990)");
  await expect(kai.getByRole("button", { name: "Create room" })).toHaveCount(0);
});

test("a room runs on the tab's one connection: a message shows at once, and slow mode counts down from it", async ({ browser }) => {
  test.setTimeout(90_000);
  const nova = await logIn(browser, "nova");
  const origin = { origin: new URL(nova.url()).origin }; // the app's own pages send it (CSRF check)
  const created = await nova.request.post("/api/rooms", { data: { name: "One socket room", audience: "both" }, headers: origin });
  expect(created.status()).toBe(201);
  const roomId = (await created.json()).room.id as string;
  expect((await nova.request.patch(`/api/rooms/${roomId}`, { data: { slowModeSeconds: 30 }, headers: origin })).status()).toBe(200);
  const sam = await logIn(browser, "sam");
  expect((await sam.request.post(`/api/rooms/${roomId}/join`, { headers: origin })).status()).toBe(200);

  const sockets: string[] = [];
  sam.on("websocket", (ws) => sockets.push(ws.url()));
  await sam.goto(`/rooms/${roomId}`);
  await expect(sam.getByTestId("room-view")).toBeVisible();
  await sam.getByTestId("room-composer").fill("first in slow mode");
  await sam.getByTestId("room-composer").press("Enter");
  await expect(sam.getByTestId("room-message").filter({ hasText: "first in slow mode" })).toBeVisible();
  await expect(sam.getByTestId("room-message").filter({ hasText: "first in slow mode" })).not.toHaveAttribute("data-pending", /./);
  // The composer waits out slow mode from the message just sent, not from a refused second one.
  await expect(sam.locator(".room-composer-note")).toHaveText(/^Slow mode: wait (2\d|30) s$/);
  await expect(sam.getByTestId("room-send")).toBeDisabled();
  // Chat and room share the page's one Socket.IO connection.
  expect(sockets.filter((url) => url.includes("/socket.io/"))).toHaveLength(1);
  await expect(nova.request.get(`/api/rooms/${roomId}/topics`).then((r) => r.status())).resolves.toBe(200);
});

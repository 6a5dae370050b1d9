import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";

// Each test logs in two demo accounts (argon2) and loads several pages: on the shared
// 2-core machine that alone can take most of the default minute.
test.describe.configure({ timeout: 120_000 });

async function logIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("murmur-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test("find a creator, follow, subscribe, open a post and share it to a friend, who opens it from the chat", async ({ browser }) => {
  const alex = await logIn(browser, "alex");
  await alex.goto("/discover");
  await alex.getByTestId("people-search").fill("Nova");
  await alex.getByTestId("person-result").filter({ hasText: "@nova" }).click();
  await expect(alex).toHaveURL(/\/u\/nova$/);

  const followers = alex.getByTestId("follower-count");
  const before = Number(await followers.getAttribute("data-count"));
  await alex.getByTestId("follow-button").click();
  await expect(alex.getByTestId("follow-button")).toHaveText("Unfollow");
  await expect(followers).toHaveAttribute("data-count", String(before + 1));

  await alex.getByTestId("subscribe-button").click();
  await expect(alex.getByTestId("subscribe-button")).toHaveText("Subscribed");
  await alex.reload();
  await expect(alex.getByTestId("subscribe-button")).toHaveText("Subscribed");
  await expect(alex.getByTestId("follow-button")).toHaveText("Unfollow");

  await alex.getByRole("link", { name: "30-second warm-up" }).click();
  await expect(alex.getByTestId("post-page")).toBeVisible();
  await expect(alex.getByTestId("post-video")).toBeVisible();
  const postUrl = alex.url();

  await alex.getByTestId("post-page").getByTestId("share-button").click();
  const sheet = alex.getByTestId("share-sheet");
  await sheet.getByTestId("share-search").fill("sam");
  await sheet.locator("label", { hasText: "@sam" }).getByTestId("share-candidate").check();
  await sheet.getByTestId("share-search").fill("mia");
  await expect(sheet.locator("label", { hasText: "@mia" })).toHaveCount(0); // under 16: never offered
  await sheet.getByTestId("share-note").fill("You have to try this one");
  await sheet.getByTestId("share-send").click();
  await expect(sheet.getByTestId("share-result")).toHaveCount(1);
  await expect(sheet.getByTestId("share-result")).toHaveAttribute("data-ok", "true");
  await sheet.getByRole("button", { name: "Done" }).click();
  await expect(sheet).toBeHidden();

  const sam = await logIn(browser, "sam");
  await sam.goto("/inbox");
  await sam.getByTestId("inbox-row").filter({ hasText: "Alex Novak" }).click();
  const card = sam.getByTestId("message").getByTestId("post-card").last();
  await expect(card).toContainText("30-second warm-up");
  await expect(sam.getByTestId("message").last()).toContainText("You have to try this one");
  await card.click();
  await expect(sam).toHaveURL(postUrl);
  await expect(sam.getByTestId("post-video")).toBeVisible();
});

test("creator settings show the counts and what is missing for chat rooms", async ({ browser }) => {
  const kai = await logIn(browser, "kai");
  await kai.goto("/settings/creator");
  const eligibility = kai.getByTestId("room-eligibility");
  await expect(eligibility).toHaveAttribute("data-eligible", "false");
  await expect(kai.getByTestId("reason-followers")).toContainText("10,000");
  await expect(kai.getByTestId("reason-age")).toHaveCount(0);
  await expect(kai.getByTestId("subscriptions-switch")).not.toBeChecked();
  await kai.getByTestId("subscriptions-switch").check();
  await expect(kai.getByTestId("subscriptions-switch")).toBeChecked();
  await kai.reload();
  await expect(kai.getByTestId("subscriptions-switch")).toBeChecked();

  const nova = await logIn(browser, "nova");
  await nova.goto("/settings/creator");
  await expect(nova.getByTestId("room-eligibility")).toHaveAttribute("data-eligible", "true");
});

test("a 14-year-old can browse and follow, but is never offered messaging", async ({ browser }) => {
  const mia = await logIn(browser, "mia");
  await mia.goto("/u/kai");
  await expect(mia.getByTestId("follow-button")).toBeVisible();
  await expect(mia.getByTestId("message-button")).toHaveCount(0);
  await mia.goto("/discover");
  await expect(mia.getByTestId("feed-post").first()).toBeVisible();
});

test("a 14-year-old's account is private: an adult's follow is a request she approves from her profile", async ({ browser }) => {
  const sam = await logIn(browser, "sam");
  await sam.goto("/u/mia");
  await expect(sam.getByTestId("profile-private")).toBeVisible();
  await expect(sam.getByText("Drawing and dogs.")).toHaveCount(0);
  await expect(sam.getByTestId("follower-count")).toHaveCount(0);
  await sam.getByTestId("follow-button").click();
  await expect(sam.getByTestId("follow-button")).toHaveText("Requested");

  const mia = await logIn(browser, "mia");
  await expect(mia).toHaveURL(/\/dms-unavailable/);
  await mia.getByTestId("own-profile-link").click();
  await expect(mia).toHaveURL(/\/u\/mia$/);
  const request = mia.getByTestId("follow-request").filter({ hasText: "@sam" });
  await expect(request).toBeVisible();
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(request).toHaveCount(0);

  // Approved, Sam follows her; her details stay hidden until she follows back.
  await sam.reload();
  await expect(sam.getByTestId("follow-button")).toHaveText("Unfollow");
  await expect(sam.getByTestId("profile-private")).toBeVisible();
});

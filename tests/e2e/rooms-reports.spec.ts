import { expect, test, type Browser, type Page } from "@playwright/test";

async function logIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("murmur-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}

test("a room message is reported from its menu and shows in the room's moderation panel", async ({ browser }) => {
  test.setTimeout(90_000);
  const nova = await logIn(browser, "nova");
  await nova.goto("/rooms");
  await nova.getByLabel("Name").fill("Nova's report desk");
  await nova.getByLabel("Who can join").selectOption("both");
  await nova.getByRole("button", { name: "Create room" }).click();
  await expect(nova).toHaveURL(/\/rooms\/[^/?]+$/);

  const sam = await logIn(browser, "sam");
  await sam.goto("/rooms");
  await sam.getByTestId("joinable-rooms").getByTestId("room-card").filter({ hasText: "Nova's report desk" }).getByRole("button", { name: "Join room" }).click();
  await expect(sam.getByTestId("room-view")).toBeVisible();
  await sam.getByTestId("room-composer").fill("FREE FOLLOWERS at http://spam.example");
  await sam.getByTestId("room-composer").press("Enter");

  const spam = nova.getByTestId("room-message").filter({ hasText: "FREE FOLLOWERS" });
  await expect(spam).toBeVisible();
  await spam.hover();
  await spam.getByTestId("message-menu").click();
  await nova.getByRole("button", { name: "Report" }).click();
  await nova.getByLabel("Spam or a scam").check();
  await nova.getByRole("button", { name: "Send report" }).click();
  await nova.keyboard.press("Escape");

  await nova.getByTestId("open-log").click();
  await expect(nova.getByTestId("room-reports")).toContainText("Sam Berger: Spam or a scam");
});

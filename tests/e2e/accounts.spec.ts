import { expect, test } from "./csp-guard";
import { birthDateForAge } from "../../src/db/seed/demo";

test("sign up, log out and log in again", async ({ page }) => {
  const username = `e2e${Date.now().toString(36)}`;
  await page.goto("/signup");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill("End To End");
  await page.getByLabel("Password").fill("a good password");
  await page.getByLabel("Date of birth").fill(birthDateForAge(22));
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/inbox/);

  await page.getByTestId("profile-menu").click();
  await expect(page.getByText(`@${username}`)).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("a good password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
});

test("a wrong password shows a clear error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("sam");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("Wrong username or password.");
});

test("a 14-year-old demo user sees why DMs are unavailable", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("mia");
  await page.getByLabel("Password").fill("murmur-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dms-unavailable/);
  await expect(page.getByTestId("dms-unavailable")).toContainText("only for people aged 16 and over");
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/dms-unavailable/);
});

test("the app follows the browser's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE", extraHTTPHeaders: { "accept-language": "de-DE,de;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Bei Murmur anmelden" })).toBeVisible();
  await context.close();
});

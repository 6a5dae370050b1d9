import type { Page } from "@playwright/test";
import { expect, test } from "./csp-guard";

async function logIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("murmur-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

test("an adult switches the nudity filter off and on again; it stays as saved", async ({ page }) => {
  await logIn(page, "alex");
  await page.goto("/settings/safety");
  const toggle = page.getByRole("switch", { name: "Nudity filter" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(page.getByTestId("nudity-filter-status")).toHaveText("The nudity filter is off.");
  await page.reload();
  await expect(page.getByRole("switch", { name: "Nudity filter" })).toHaveAttribute("aria-checked", "false");
  await page.getByRole("switch", { name: "Nudity filter" }).click();
  await expect(page.getByTestId("nudity-filter-status")).toHaveText("The nudity filter is on.");
});

test("a 17-year-old sees the filter on and locked, with why", async ({ page }) => {
  await logIn(page, "leo");
  await page.goto("/settings/safety");
  await expect(page.getByTestId("nudity-filter-locked")).toBeVisible();
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(page.getByTestId("nudity-filter")).toContainText("stays on for everyone under 18");
});

test("a 14-year-old is sent to the page that explains why DMs are closed", async ({ page }) => {
  await logIn(page, "mia");
  await page.goto("/settings/safety");
  await expect(page).toHaveURL(/\/dms-unavailable/);
});

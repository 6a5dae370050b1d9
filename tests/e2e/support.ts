// Shared steps for the end-to-end tests of issue 11: fresh accounts with settings, UI login, axe.
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { createUser, type TestUser } from "../helpers/api";

export type Theme = "light" | "dark";
export type Lang = "en" | "de";

/** A new account (through the API) with the given settings. */
export async function accountWith(baseURL: string, settings: { locale?: Lang | null; theme?: Theme | null } = {}, age = 25): Promise<TestUser> {
  const user = await createUser(baseURL, { age });
  if (Object.keys(settings).length) {
    const res = await user.api.patch("/api/me/settings", settings);
    expect(res.status).toBe(200);
  }
  return user;
}

/** Logs in through the login form, whatever language it is in. */
export async function logIn(page: Page, user: { username: string; password: string }) {
  await page.goto("/login");
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/(inbox|dms-unavailable)/);
}

/** axe-core with the WCAG 2.x A and AA rules: the serious and critical findings, readable. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(" | ")}`,
    );
}

/** Issue 3's contract: a direct conversation with a first message. Null while that API is not built. */
export async function startChat(from: TestUser, to: TestUser, text: string): Promise<string> {
  const res = await from.api.post("/api/conversations", { kind: "direct", userId: to.id, message: { clientId: crypto.randomUUID(), text } });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.conversation.id;
}

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

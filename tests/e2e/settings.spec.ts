import { expect, test } from "./csp-guard";
import { Api } from "../helpers/api";
import { accountWith, logIn } from "./support";

test("switching the language to German renders the app in German, for good", async ({ page, baseURL }) => {
  const user = await accountWith(baseURL!);
  await logIn(page, user);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await page.getByRole("radio", { name: "Deutsch" }).check();
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("radio", { name: "Deutsch" })).toBeChecked();

  // The account remembers it, and errors from the API now come in German too.
  await page.reload();
  await expect(page.getByRole("link", { name: "Einstellungen" })).toHaveAttribute("aria-current", "page");
  const apiError = await page.evaluate(async () => (await (await fetch("/api/me/settings", { method: "PATCH", headers: { "content-type": "application/json" }, body: "{}x" })).json()).error);
  expect(apiError).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^Ein Teil deiner Eingabe ist ungültig/) });
  expect((await new Api(baseURL!, user.token).get("/api/me")).body.user.settings.locale).toBe("de");

  // Back to the browser's language (English here).
  await page.getByRole("radio", { name: "Wie mein Browser" }).check();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
});

test("the chosen theme applies at once and is rendered by the server next time", async ({ page, baseURL, request }) => {
  const user = await accountWith(baseURL!);
  await logIn(page, user);
  await page.goto("/settings");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("settings-status")).toHaveText("Saved.");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(18, 18, 18)");

  // No flash: the HTML the server sends already carries the theme.
  const html = await (await request.get("/settings", { headers: { authorization: `Bearer ${user.token}` } })).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);

  await page.getByRole("radio", { name: "Same as my device" }).check();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
});

test("who may message me: a teen starts at friends, can choose nobody, and is not offered everyone", async ({ page, baseURL }) => {
  const teen = await accountWith(baseURL!, {}, 16);
  await logIn(page, teen);
  await page.goto("/settings");
  const group = page.getByTestId("setting-dmPolicy");
  await expect(group.getByRole("radio", { name: "Friends (people who follow each other)" })).toBeChecked();
  // "Everyone" is not offered under 18 (the server would refuse it).
  await expect(group.getByRole("radio")).toHaveCount(2);
  await expect(group.getByRole("radio", { name: "Everyone" })).toHaveCount(0);
  await group.getByRole("radio", { name: "Nobody" }).check();
  await expect(page.getByTestId("settings-status")).toHaveText("Saved.");
  expect((await new Api(baseURL!, teen.token).get("/api/me")).body.user.settings.dmPolicy).toBe("nobody");
  // Teens do not see the creator tools; the safety settings are there for everyone.
  await expect(page.getByRole("link", { name: /Privacy and safety/ })).toHaveAttribute("href", "/settings/safety");
  await expect(page.getByRole("link", { name: /Creator tools/ })).toHaveCount(0);
});

test("turning notifications on asks for the browser's permission", async ({ browser, baseURL }) => {
  const user = await accountWith(baseURL!);
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  const page = await context.newPage();
  await logIn(page, user);
  await page.goto("/settings");
  await expect(page.getByTestId("notifications-state")).toHaveText("Notifications are off.");
  await page.getByRole("button", { name: "Turn on notifications" }).click();
  await expect(page.getByTestId("notifications-state")).toHaveText("Notifications are on.");
  await page.reload();
  await expect(page.getByTestId("notifications-state")).toHaveText("Notifications are on.");
  await page.getByRole("button", { name: "Turn off notifications" }).click();
  await expect(page.getByTestId("notifications-state")).toHaveText("Notifications are off.");
  await context.close();
});

test("the settings page works with the keyboard alone", async ({ page, baseURL }) => {
  const user = await accountWith(baseURL!);
  await logIn(page, user);
  await page.goto("/settings");
  await page.getByRole("radio", { name: "Same as my device" }).focus();
  await page.keyboard.press("ArrowDown"); // radios: arrows move and choose
  await expect(page.getByRole("radio", { name: "Light" })).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.getByTestId("settings-status")).toHaveText("Saved.");
});

test("devices and password: another device is listed and logged out; a new password logs the others out", async ({ page, baseURL }) => {
  const user = await accountWith(baseURL!);
  await logIn(page, user);
  // A second device: a bearer token made elsewhere.
  const other = await fetch(`${baseURL}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1" },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  const { token } = await other.json();
  await page.goto("/settings");
  const devices = page.getByTestId("device");
  await expect(devices).toHaveCount(3); // this browser, the account's first token, the phone
  await expect(page.locator('[data-testid="device"][data-current="true"]')).toContainText("This device");
  const phone = devices.filter({ hasText: "Safari on iOS" });
  await phone.getByRole("button", { name: "Log out" }).click();
  await expect(devices).toHaveCount(2);
  expect((await new Api(baseURL!, token).get("/api/me")).status).toBe(401);

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password").fill("another good password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("password-result")).toHaveText("Password changed. 1 other device was logged out.");
  expect((await new Api(baseURL!, user.token).get("/api/me")).status).toBe(401);
  await page.reload();
  await expect(devices).toHaveCount(1);
});

test("a 14-year-old has settings too (language, theme, devices, password), without the DM ones", async ({ page }) => {
  await logIn(page, { username: "mia", password: "murmur-demo" });
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("devices")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Deutsch" })).toBeVisible();
  await expect(page.locator('input[name="dmPolicy"]')).toHaveCount(0);
});

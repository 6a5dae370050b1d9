// The page policy in force: an injected inline script does not run, and the pages carry
// the headers that keep them out of frames and sniffing. (This file uses Playwright's own
// `test`: the violation it provokes on purpose would fail the CSP guard.)
import { expect, test } from "@playwright/test";
import { reportCspViolations } from "./csp-guard";

test("a page's Content-Security-Policy blocks an injected inline script and keeps the page out of frames", async ({ page, context }) => {
  await reportCspViolations(context);
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=(self)");
  // Each page view has its own nonce.
  const again = (await page.goto("/login"))!.headers()["content-security-policy"];
  expect(again).not.toBe(headers["content-security-policy"]);

  // An injected inline script, as an XSS hole in the HTML would put it there (the response's own policy kept).
  const violations: string[] = [];
  page.on("console", (m) => m.type() === "error" && m.text().startsWith("CSP violation:") && violations.push(m.text()));
  await page.route("**/login", async (route) => {
    const real = await route.fetch();
    const html = (await real.text()).replace("<head>", "<head><script>window.__injected = true</script>");
    expect(html).toContain("window.__injected");
    await route.fulfill({ response: real, body: html });
  });
  await page.goto("/login");
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  await page.unroute("**/login");
  await page.goto("/login");
  // The app itself still works under the policy: the login form is interactive (hydrated).
  await page.getByLabel("Username").fill("nobody");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("password-error")).toBeVisible();
});

test("API answers forbid everything a document could do", async ({ request }) => {
  const res = await request.get("/api/me");
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});

// Every end-to-end test fails on a Content-Security-Policy violation in any of its pages,
// including pages of contexts the test makes itself (browser.newContext()): the policy
// must never block a script, style, picture or connection of the app's own.
import { test as base, expect } from "@playwright/test";
import type { BrowserContext, ConsoleMessage } from "@playwright/test";

const MARK = "CSP violation:";
const isCspViolation = (message: ConsoleMessage) => message.type() === "error" && message.text().startsWith(MARK);

/** Chromium reports violations as DOM events (not always on the console Playwright sees): log each one. */
export async function reportCspViolations(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript((mark: string) => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`${mark} ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  }, MARK);
}

// biome-ignore lint/suspicious/noConfusingVoidType: Playwright types an auto fixture without a value as void
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (ctx: BrowserContext) => {
        await reportCspViolations(ctx);
        ctx.on("console", (m) => isCspViolation(m) && violations.push(`${m.page()?.url() ?? "?"}: ${m.text()}`));
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        await watch(ctx);
        return ctx;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

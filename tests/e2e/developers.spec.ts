import { expect, test } from "./csp-guard";
import { seriousViolations } from "./support";

// The API reference is public, renders from the documents without any script or outside asset
// (the CSP guard fails the test on a violation), and passes axe in both themes.
for (const theme of ["light", "dark"] as const) {
  test(`the API reference at /developers (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on("request", (r) => !r.url().startsWith("http://127.0.0.1") && !r.url().startsWith("data:") && outside.push(r.url()));
    await page.goto("/developers");
    await expect(page.getByTestId("developers")).toBeVisible();
    const op = page.locator("details#POST-api-conversations-id-messages");
    await op.locator("summary").click();
    await expect(op).toContainText("RATE_LIMITED");
    await expect(page.locator("details#event-receive-message-new")).toBeAttached();
    await expect(page.locator("details#event-send-room-message-send")).toBeAttached();
    for (const doc of ["/api/openapi.json", "/api/asyncapi.json"]) expect((await page.request.get(doc)).status(), doc).toBe(200);
    expect(await seriousViolations(page), theme).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });
}

import { expect, test } from "./csp-guard";

test("an adult adds a webhook in Settings, sees its secret once, and removes it; a private address is refused with the reason", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("alex");
  await page.getByLabel("Password").fill("murmur-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings");
  await page.getByTestId("webhooks-link").click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  await page.getByTestId("webhook-url").fill("https://127.0.0.1/hook");
  await page.getByTestId("webhook-create").click();
  await expect(page.getByTestId("webhook-error")).toHaveText("That address is on a private or local network: Murmur only calls addresses on the public internet.");
  await expect(page.getByTestId("webhook")).toHaveCount(0);

  await page.getByTestId("webhook-url").fill("https://93.184.216.34/murmur");
  await page.getByText("conversation:new", { exact: true }).click();
  await page.getByTestId("webhook-create").click();
  await expect(page.getByTestId("webhook-secret-value")).toHaveValue(/^whsec_[A-Za-z0-9+/=]{32}$/);
  const hook = page.getByTestId("webhook").filter({ hasText: "https://93.184.216.34/murmur" });
  await expect(hook).toContainText("message:new, conversation:new");
  // Shown once: after a reload it is gone, the hook stays.
  await page.reload();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await expect(hook).toBeVisible();
  await hook.getByRole("button", { name: "Deliveries" }).click();
  await expect(hook.getByTestId("webhook-log")).toBeVisible();
  await hook.getByRole("button", { name: "Remove" }).click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("webhook")).toHaveCount(0);
});

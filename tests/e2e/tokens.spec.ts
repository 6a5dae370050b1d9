import { Api } from "../helpers/api";
import { expect, test } from "./csp-guard";
import { accountWith, logIn } from "./support";

test("an API token is made in Settings, shown once, works, and is revoked", async ({ page, baseURL }) => {
  const user = await accountWith(baseURL!);
  await logIn(page, user);
  await page.goto("/settings");
  const section = page.getByTestId("api-tokens");
  await section.getByLabel("Token name").fill("my script");
  await section.getByRole("checkbox", { name: /messages:write/ }).check();
  await section.getByLabel("Expires").selectOption("7");
  await section.getByTestId("token-create").click();

  const secret = section.getByTestId("token-secret");
  await expect(secret).toHaveValue(/^mur_pat_/);
  const token = await secret.inputValue();
  const row = section.getByTestId("token-row").filter({ hasText: "my script" });
  await expect(row).toContainText("messages:read");
  await expect(row).toContainText("messages:write");
  await expect(row).toContainText("never used");
  expect((await new Api(baseURL!, token).get("/api/me")).status).toBe(200);

  // Shown once: gone after "Done" and after a reload; the list never holds it.
  await section.getByTestId("token-done").click();
  await expect(section.getByTestId("token-secret")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("api-tokens").getByTestId("token-row").filter({ hasText: "my script" })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  await page.getByTestId("api-tokens").getByRole("button", { name: "Revoke the token my script" }).click();
  await expect(page.getByTestId("api-tokens").getByTestId("token-row")).toHaveCount(0);
  expect((await new Api(baseURL!, token).get("/api/me")).status).toBe(401);
});

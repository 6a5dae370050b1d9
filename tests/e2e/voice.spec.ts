import { expect, test } from "./csp-guard";
import { conversationPair, openChatAs } from "./support/chat";

test("record a voice note with the keyboard, listen, send: the other user sees the waveform and plays it", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, b, conversationId } = await conversationPair(baseURL!);
  const pageA = await openChatAs(browser, a, conversationId);

  // Keyboard only: focus the mic, Enter to start, Enter to stop, Enter to send.
  await pageA.getByTestId("mic-button").focus();
  await pageA.keyboard.press("Enter");
  const live = pageA.getByTestId("voice-recording");
  await expect(live).toBeVisible();
  await expect(live.getByRole("timer")).toHaveText("0:02", { timeout: 10_000 });
  await pageA.keyboard.press("Enter");
  const preview = pageA.getByTestId("voice-preview");
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute("aria-label", /Your voice note, 0:0[2-4]/);
  await expect(pageA.getByTestId("voice-send")).toBeFocused();
  await pageA.keyboard.press("Enter");
  await expect(preview).toBeHidden({ timeout: 60_000 });

  const pageB = await openChatAs(browser, b, conversationId);
  const player = pageB.getByTestId("voice-player");
  await expect(player).toBeVisible({ timeout: 30_000 });
  await expect(player).toHaveAttribute("aria-label", /0:0[2-4]/);
  const bars = player.getByTestId("voice-wave").locator(".bar");
  await expect(bars).toHaveCount(64);
  const heights = new Set(await bars.evaluateAll((els) => els.map((e) => (e as HTMLElement).style.height)));
  expect(heights.size).toBeGreaterThan(1); // a real waveform, not flat bars

  await expect(player.getByTestId("voice-unplayed")).toBeVisible();
  await player.getByTestId("voice-speed").click();
  await expect(player.getByTestId("voice-speed")).toHaveText("1.5×");
  await player.getByTestId("voice-play").click();
  await expect(player.getByTestId("voice-unplayed")).toBeHidden();

  // The mark is kept by the server: a reload (or another device) shows it played, and the sender sees it.
  await pageB.reload();
  await expect(pageB.getByTestId("voice-player")).toBeVisible({ timeout: 30_000 });
  await expect(pageB.getByTestId("voice-unplayed")).toHaveCount(0);
  await expect(pageA.getByTestId("voice-played")).toBeVisible({ timeout: 10_000 });
});

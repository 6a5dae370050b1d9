// Nine 12 MP phone photos, from the moment they are picked to the moment the recipient's
// page shows the message with all nine pictures loaded: two real Chromium pages on a
// fresh built server with the real nudity classifier. Each run is split where the
// sender's requests and the recipient's page show it: picked and Send pressed (the tray
// drawn), → the last upload starts (what scaling down in the browser still had to do),
// → the last upload answered (transfer and the server's decode, re-encode and
// screening), → the message appears at the recipient (sent over the socket,
// message:new), → its nine pictures are loaded. The same again with the browser's
// downscale switched off (the originals go up) shows what it saves.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page, type Request } from "playwright-core";
import { createUser, sessionCookie, type TestUser } from "../tests/helpers/api";
import { phonePhoto } from "../tests/helpers/media";
import type { TestServer } from "../tests/helpers/server";
import { cpuSeconds, descendantsCpuSeconds } from "./lib/process-usage";
import { percentile } from "./lib/stats";

const RUNS = Number(process.env.BENCH_PHOTO_RUNS ?? 3);
/** BENCH_PHOTO_UPLINK_MBIT: the sender's upload speed, as a phone's (Chromium's throttling); unset: loopback, unlimited. */
const UPLINK_MBIT = Number(process.env.BENCH_PHOTO_UPLINK_MBIT ?? 0);
const PHOTOS = 9;
const TARGET_MS = 3000;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

async function waitForClassifier(server: TestServer) {
  for (let i = 0; i < 600 && !server.output().includes("nudity classifier ready"); i++) await new Promise((r) => setTimeout(r, 100));
}

async function pair(url: string) {
  const [a, b] = await Promise.all([createUser(url), createUser(url)]);
  const started = await a.api.post("/api/conversations", { kind: "direct", userId: b.id, message: { clientId: crypto.randomUUID(), text: "Photos coming." } });
  if (started.status >= 300) throw new Error(`conversation: ${started.status} ${JSON.stringify(started.body)}`);
  const conversationId: string = started.body.conversation.id;
  await b.api.post(`/api/conversations/${conversationId}/accept`);
  // The sender has seen the privacy warning before and turned it off: the figure is about the photos.
  await a.api.patch("/api/me/settings", { privacyWarningDismissed: true });
  return { a, b, conversationId };
}

async function openChat(browser: Browser, url: string, user: TestUser, conversationId: string): Promise<Page> {
  const [name, value] = (await sessionCookie(url, user.username, user.password)).split(/=(.*)/s);
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  await page.goto(`${url}/inbox/${conversationId}`);
  await page.getByTestId("composer-attachments").waitFor();
  return page;
}

interface Run {
  totalMs: number;
  pickMs: number;
  prepareMs: number;
  uploadMs: number;
  deliverMs: number;
  renderMs: number;
  uploadedMb: number;
  /** CPU seconds of the two Chromium pages' processes (workers included) and of the server, during the pass. */
  browserCpuS: number;
  serverCpuS: number;
}

/** Browser and server CPU seconds so far (Linux /proc; zeros elsewhere). */
function cpuNow(serverPid: number): { browser: number; server: number } {
  try {
    return { browser: descendantsCpuSeconds(process.pid, [serverPid]), server: cpuSeconds(serverPid) + descendantsCpuSeconds(serverPid) };
  } catch {
    return { browser: 0, server: 0 };
  }
}

async function onePass(sender: Page, recipient: Page, files: string[], serverPid: number): Promise<Run> {
  const grids = await recipient.getByTestId("visual-grid").count();
  const uploadStarts: number[] = [];
  const uploadEnds: number[] = [];
  const bodySizes: Promise<number>[] = [];
  const isUpload = (req: Request) => req.method() === "POST" && req.url().includes("/api/media");
  const onRequest = (req: Request) => {
    if (isUpload(req)) uploadStarts.push(performance.now());
  };
  const onFinished = (req: Request) => {
    if (!isUpload(req)) return;
    uploadEnds.push(performance.now());
    bodySizes.push(req.allHeaders().then((h) => Number(h["content-length"] ?? 0)));
  };
  sender.on("request", onRequest);
  sender.on("requestfinished", onFinished);
  // The recipient's page notes when the message appears and when its pictures are all loaded.
  const appeared = recipient.waitForFunction((n) => document.querySelectorAll('[data-testid="visual-grid"]').length > n, grids, { polling: "raf", timeout: 120_000 });
  const loaded = recipient.waitForFunction(
    ({ n, count }) => {
      const all = document.querySelectorAll('[data-testid="visual-grid"]');
      if (all.length <= n) return false;
      const imgs = [...all[all.length - 1].querySelectorAll("img")];
      return imgs.length === count && imgs.every((img) => img.complete && img.naturalWidth > 0);
    },
    { n: grids, count: PHOTOS },
    { polling: "raf", timeout: 120_000 },
  );

  const cpuBefore = cpuNow(serverPid);
  const started = performance.now();
  await sender.getByTestId("file-input").setInputFiles(files);
  await sender.getByTestId("send-visuals").click();
  const pressed = performance.now();
  await appeared;
  const appearedAt = performance.now();
  await loaded;
  const done = performance.now();
  const cpuAfter = cpuNow(serverPid);
  sender.off("request", onRequest);
  sender.off("requestfinished", onFinished);
  const lastStart = Math.max(...uploadStarts);
  const lastEnd = Math.max(...uploadEnds);
  return {
    totalMs: done - started,
    pickMs: pressed - started,
    prepareMs: lastStart - pressed,
    uploadMs: lastEnd - lastStart,
    deliverMs: appearedAt - lastEnd,
    renderMs: done - appearedAt,
    uploadedMb: (await Promise.all(bodySizes)).reduce((s, n) => s + n, 0) / 2 ** 20,
    browserCpuS: cpuAfter.browser - cpuBefore.browser,
    serverCpuS: cpuAfter.server - cpuBefore.server,
  };
}

function row(name: string, runs: Run[]) {
  const sorted = (pick: (r: Run) => number) => runs.map(pick).sort((x, y) => x - y);
  const p50 = (pick: (r: Run) => number) => Math.round(percentile(sorted(pick), 50));
  const totals = sorted((r) => r.totalMs);
  return {
    benchmark: name,
    target: `< ${TARGET_MS / 1000} s`,
    runs: runs.length,
    "p50 s": +(percentile(totals, 50) / 1000).toFixed(2),
    "worst s": +(totals[totals.length - 1] / 1000).toFixed(2),
    "pick+Send ms": p50((r) => r.pickMs),
    "→ last upload starts ms": p50((r) => r.prepareMs),
    "→ last upload answered ms": p50((r) => r.uploadMs),
    "→ at recipient ms": p50((r) => r.deliverMs),
    "→ pictures loaded ms": p50((r) => r.renderMs),
    "uploaded MB": +(runs.reduce((s, r) => s + r.uploadedMb, 0) / runs.length).toFixed(1),
    // CPU used meanwhile (p50): steadier than wall time when other work shares the cores.
    "browser CPU s": +percentile(
      sorted((r) => r.browserCpuS),
      50,
    ).toFixed(2),
    "server CPU s": +percentile(
      sorted((r) => r.serverCpuS),
      50,
    ).toFixed(2),
  };
}

export async function benchPhotos(server: TestServer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-bench-photos-"));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    // Nine different photos, the last one held upright (EXIF orientation 6).
    const files = await Promise.all(
      Array.from({ length: PHOTOS }, async (_, i) => {
        const file = path.join(dir, `IMG_${String(i + 1).padStart(4, "0")}.jpg`);
        fs.writeFileSync(file, await phonePhoto(i + 1, { orientation: i === PHOTOS - 1 ? 6 : undefined }));
        return file;
      }),
    );
    const originalsMb = files.reduce((s, f) => s + fs.statSync(f).size, 0) / 2 ** 20;
    await waitForClassifier(server);
    const { a, b, conversationId } = await pair(server.url);
    const sender = await openChat(browser, server.url, a, conversationId);
    if (UPLINK_MBIT > 0) {
      const cdp = await sender.context().newCDPSession(sender);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: -1, uploadThroughput: (UPLINK_MBIT * 1e6) / 8 });
    }
    const recipient = await openChat(browser, server.url, b, conversationId);

    const measure = async (off: boolean) => {
      await sender.evaluate((v) => (v ? localStorage.setItem("murmur:downscale", "off") : localStorage.removeItem("murmur:downscale")), off);
      await onePass(sender, recipient, files, server.pid()); // warm-up: first decodes, first screening
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await onePass(sender, recipient, files, server.pid()));
      return runs;
    };
    const scaled = await measure(false);
    const originals = await measure(true);
    const uplink = UPLINK_MBIT ? `, ${UPLINK_MBIT} Mbit/s up` : "";
    return [row(`9 × 12 MP photos (${originalsMb.toFixed(0)} MB), scaled down in the browser${uplink}`, scaled), row(`the same, originals uploaded (downscale off)${uplink}`, originals)];
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

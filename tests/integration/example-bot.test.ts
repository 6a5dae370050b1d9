// The example bot in examples/echo-bot, run as its own process against the real server,
// as a third party would run it: it answers, and after being away it answers what it
// missed, once.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../helpers/api";
import { befriend, serverDb } from "../helpers/chat";
import type { TestServer } from "../helpers/server";
import { serverPerFile } from "../helpers/server-per-file";

let server: TestServer;
serverPerFile((s) => (server = s));

const root = path.resolve(import.meta.dirname, "../..");
const bots: ChildProcess[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) bot.kill("SIGKILL");
});

/** Starts the bot; resolves once it says it is ready (connected and caught up). */
function startBot(token: string, stateFile: string): Promise<ChildProcess> {
  const env = { ...process.env, MURMUR_URL: server.url, MURMUR_TOKEN: token, MURMUR_STATE_FILE: stateFile };
  const bot = spawn(process.execPath, ["--import", "tsx", "examples/echo-bot/bot.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  bots.push(bot);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot not ready: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("echo bot ready")) clearTimeout(timer), resolve(bot);
    };
    bot.stdout!.on("data", read);
    bot.stderr!.on("data", read);
    bot.once("exit", (code) => reject(new Error(`bot exited ${code}: ${output}`)));
  });
}

describe("the example echo bot", () => {
  it("answers each text once, and after a restart what it missed", async () => {
    const [ana, bot] = [await createUser(server.url), await createUser(server.url)];
    await befriend(serverDb(server), ana, bot);
    const start = await ana.api.post("/api/conversations", { kind: "direct", userId: bot.id, message: { clientId: "p0", text: "before the bot ran" } });
    const id = start.body.conversation.id as string;
    const texts = async () => ((await ana.api.get(`/api/conversations/${id}/messages?after=0&limit=100`)).body.messages as { text: string }[]).map((m) => m.text);
    const until = async (check: (t: string[]) => boolean) => {
      for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (check(await texts())) return;
      throw new Error(`not answered: ${JSON.stringify(await texts())}`);
    };

    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "echo-bot-")), "state.json");
    const first = await startBot(bot.token, state);
    await ana.api.post(`/api/conversations/${id}/messages`, { clientId: "p1", text: "ping" });
    await until((t) => t.includes("echo: ping"));

    first.kill("SIGTERM");
    await new Promise((r) => first.once("exit", r));
    await ana.api.post(`/api/conversations/${id}/messages`, { clientId: "p2", text: "while you were away" });
    await startBot(bot.token, state);
    await until((t) => t.includes("echo: while you were away"));
    await ana.api.post(`/api/conversations/${id}/messages`, { clientId: "p3", text: "last" });
    await until((t) => t.includes("echo: last"));
    // The first message came before the bot ever ran: not answered. Nothing answered twice.
    expect(await texts()).toEqual(["before the bot ran", "ping", "echo: ping", "while you were away", "echo: while you were away", "last", "echo: last"]);
  });
});

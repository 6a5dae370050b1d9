import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { LoadTarget } from "./load";

export async function startRelay(): Promise<{ url: string; pid: number; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, "relay-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      const m = /relay ready on (\d+)/.exec(c.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`relay exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGKILL") };
}

export const relayTarget = (url: string): LoadTarget => ({
  url,
  sendEvent: "send",
  deliveryEvent: "relay",
  payload: (conversationId, clientId) => ({ conversationId, clientId, senderId: "", text: "hello from the load test" }),
  identify: (p) => ({ clientId: p.clientId, senderId: p.senderId }),
  prepare: async (socket, client) => {
    await socket.emitWithAck("join", client.conversationIds);
  },
  isOk: (ack) => ack?.ok === true,
});

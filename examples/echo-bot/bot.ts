// An echo bot for Murmur, written against the public API alone (README "API", the spec at
// /api/openapi.json and /api/asyncapi.json): it answers every text message it is sent with
// "echo: <text>", and after a restart what it was sent meanwhile (it keeps where it got to
// in a file). Run: MURMUR_URL=http://localhost:3000 MURMUR_TOKEN=<token> node --import tsx examples/echo-bot/bot.ts
import fs from "node:fs";
import { io } from "socket.io-client";

const base = process.env.MURMUR_URL ?? "http://localhost:3000";
const token = process.env.MURMUR_TOKEN;
if (!token) {
  console.error("Set MURMUR_TOKEN to the bot's API token.");
  process.exit(2);
}

interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  kind: string;
  text?: string;
}

let me = "";
/** The last seq seen per conversation, kept across restarts: after a reconnect, what came since is fetched. */
const stateFile = process.env.MURMUR_STATE_FILE ?? "echo-bot-state.json";
const seen = new Map<string, number>(fs.existsSync(stateFile) ? Object.entries(JSON.parse(fs.readFileSync(stateFile, "utf8"))) : []);
const saveSeen = () => fs.writeFileSync(stateFile, JSON.stringify(Object.fromEntries(seen)));

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${json.error?.code} ${json.error?.message}`);
  return json as T;
}

const socket = io(base, { transports: ["websocket"], auth: { token } });

/** Answers a message once: the reply's client id is made from the message's id, so a repeat returns the same reply. */
async function answer(message: Message): Promise<void> {
  if (message.senderId !== me && message.kind === "text" && message.text) {
    const ack = await socket.timeout(10_000).emitWithAck("message:send", { conversationId: message.conversationId, clientId: `echo-${message.id}`, text: `echo: ${message.text}` });
    if (!ack.ok) console.error("reply refused:", ack.error.code, ack.error.message);
  }
  // Marked seen once answered: a crash before that answers it after the restart (the same client id: never twice).
  if ((seen.get(message.conversationId) ?? 0) < message.seq) {
    seen.set(message.conversationId, message.seq);
    saveSeen();
  }
}

socket.on("hello", ({ userId }: { userId: string }) => {
  me = userId;
});
socket.on("message:new", ({ message }: { message: Message }) => void answer(message).catch((e) => console.error(e)));

// After every (re)connect: whatever was said while the bot was away, in order.
socket.on("connect", async () => {
  try {
    const { conversations } = await api<{ conversations: { id: string }[] }>("GET", "/api/conversations");
    for (const { id } of conversations) {
      const after = seen.get(id);
      if (after === undefined) {
        // A conversation first seen now: answer nothing old, start from its latest message.
        const { messages } = await api<{ messages: Message[] }>("GET", `/api/conversations/${id}/messages?limit=1`);
        seen.set(id, messages.at(-1)?.seq ?? 0);
        saveSeen();
        continue;
      }
      const { messages } = await api<{ messages: Message[] }>("GET", `/api/conversations/${id}/messages?after=${after}&limit=100`);
      for (const message of messages) await answer(message);
    }
    console.log("echo bot ready");
  } catch (e) {
    console.error("catch-up failed:", e);
  }
});

process.once("SIGTERM", () => {
  socket.close();
  process.exit(0);
});

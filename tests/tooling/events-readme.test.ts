// The README's Socket.IO tables are checked against the contract in src/shared/events.ts:
// every event the server can send and every event a client may send is documented, and the
// README names no event that does not exist.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_EVENT_SCHEMAS, SERVER_EVENT_NAMES } from "@/shared/events";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

/** The first column of every table headed "client → server" or "server → client". */
function documented(direction: "client → server" | "server → client"): string[] {
  const names: string[] = [];
  let inTable = false;
  for (const line of readme.split("\n")) {
    if (line.startsWith(`| ${direction} |`)) inTable = true;
    else if (!line.startsWith("|")) inTable = false;
    else if (inTable) {
      const name = /^\| `([^`]+)` \|/.exec(line)?.[1];
      if (name) names.push(name);
    }
  }
  return names;
}

describe("the README's socket event tables", () => {
  it("list exactly the events the server sends", () => {
    expect(documented("server → client").sort()).toEqual([...new Set(documented("server → client"))].sort());
    expect(new Set(documented("server → client"))).toEqual(new Set(SERVER_EVENT_NAMES));
  });

  it("list exactly the events a client may send", () => {
    expect(new Set(documented("client → server"))).toEqual(new Set(Object.keys(CLIENT_EVENT_SCHEMAS)));
  });
});

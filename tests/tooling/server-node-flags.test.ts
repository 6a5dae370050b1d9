// `npm start` and the servers the tests and benchmarks start run with the same Node flags.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../scripts/server-node-flags.mjs";

const root = path.resolve(import.meta.dirname, "../..");

describe("the server's Node flags", () => {
  it("are the ones `npm start` spells out", () => {
    const start: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start;
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(start).toBe(`NODE_ENV=production node ${SERVER_NODE_FLAGS.join(" ")} dist/server.js`);
  });
});

import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("makes http(s) and www links clickable and leaves the rest as text", () => {
    expect(linkify("see https://murmur.app/p/1, and www.example.org.")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://murmur.app/p/1", href: "https://murmur.app/p/1" },
      { kind: "text", text: ", and " },
      { kind: "link", text: "www.example.org", href: "https://www.example.org" },
      { kind: "text", text: "." },
    ]);
  });

  it("never turns other schemes or markup into links", () => {
    expect(linkify('javascript:alert(1) <b>hi</b> <a href="x">')).toEqual([{ kind: "text", text: 'javascript:alert(1) <b>hi</b> <a href="x">' }]);
  });
});

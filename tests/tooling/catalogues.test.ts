import { describe, expect, it } from "vitest";
import { catalogues } from "@/i18n/catalogues";
import { ERROR_CODES } from "@/shared/errors";

/** Every key path of a nested catalogue, e.g. "shell.inbox". */
function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
/** ICU placeholders such as {name} or {count, plural, ...}: both languages must use the same. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("German has every English key, and no extra ones", () => {
    expect(keys(catalogues.de).sort()).toEqual(keys(catalogues.en).sort());
  });

  it("every error code has a message in both languages", () => {
    for (const code of ERROR_CODES) {
      expect(catalogues.en.errors, code).toHaveProperty(code);
      expect(catalogues.de.errors, code).toHaveProperty(code);
    }
  });

  it("translations keep the same placeholders", () => {
    const get = (obj: any, path: string) => path.split(".").reduce((o, k) => o?.[k], obj);
    for (const key of keys(catalogues.en)) {
      expect(placeholders(String(get(catalogues.de, key) ?? "")), key).toEqual(placeholders(String(get(catalogues.en, key))));
    }
  });
});

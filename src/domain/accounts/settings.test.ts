import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { createMigratedDb } from "../../../tests/helpers/database";
import { updateSettings } from "./settings";
import { signUp } from "./signup";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createMigratedDb()));
afterAll(() => close());

const input = (username: string, age: number) => ({ username, displayName: username, password: "password123", birthDate: birthDateForAge(age) });

describe("settings", () => {
  it("an adult may dismiss the privacy warning, and it stays dismissed", async () => {
    const me = await signUp(db, input("adultwarn", 30));
    expect(me.settings.privacyWarningDismissed).toBe(false);
    const updated = await updateSettings(db, me.id, { privacyWarningDismissed: true });
    expect(updated.settings.privacyWarningDismissed).toBe(true);
  });

  it("a 17-year-old cannot dismiss the privacy warning", async () => {
    const me = await signUp(db, input("teenwarn", 17));
    await expect(updateSettings(db, me.id, { privacyWarningDismissed: true })).rejects.toMatchObject({ code: "AGE_RESTRICTED" });
    const row = await db.user.findUniqueOrThrow({ where: { id: me.id } });
    expect(row.privacyWarningDismissed).toBe(false);
  });

  it("leaves fields that are not sent unchanged", async () => {
    const me = await signUp(db, input("partial", 25));
    const updated = await updateSettings(db, me.id, { theme: "dark" });
    expect(updated.settings).toMatchObject({ theme: "dark", locale: null, privacyWarningDismissed: false });
  });
});

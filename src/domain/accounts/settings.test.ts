import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { registerEventSink } from "@/domain/events";
import { createMigratedDb } from "../../../tests/helpers/database";
import { getMe } from "./me";
import { updateSettings } from "./settings";
import { signUp } from "./signup";

let db: Db;
let close: () => Promise<void>;
const pushed: { userIds: readonly string[]; event: string; payload: unknown }[] = [];

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  registerEventSink({ toUsers: (userIds, event, payload) => void pushed.push({ userIds, event: String(event), payload }), toChannel() {}, join() {}, leave() {}, disconnect() {} });
});
afterAll(async () => {
  registerEventSink(undefined);
  await close();
});

const newUser = (username: string, age: number) => signUp(db, { username, displayName: username, password: "long enough pw", birthDate: birthDateForAge(age) });

describe("account settings", () => {
  it("changes only the fields given and tells the user's other devices", async () => {
    const user = await newUser("settings1", 30);
    const me = await updateSettings(db, user.id, { locale: "de", theme: "dark" });
    expect(me.settings).toMatchObject({ locale: "de", theme: "dark", dmPolicy: "everyone", privacyWarningDismissed: false });
    expect(pushed.at(-1)).toEqual({ userIds: [user.id], event: "me:settings", payload: me.settings });

    const again = await updateSettings(db, user.id, { dmPolicy: "nobody", privacyWarningDismissed: true });
    expect(again.settings).toEqual({ locale: "de", theme: "dark", dmPolicy: "nobody", privacyWarningDismissed: true });
  });

  it("goes back to the browser's language and the system's theme with null", async () => {
    const user = await newUser("settings2", 30);
    await updateSettings(db, user.id, { locale: "en", theme: "light" });
    const me = await updateSettings(db, user.id, { locale: null, theme: null });
    expect(me.settings).toMatchObject({ locale: null, theme: null });
  });

  it("keeps a teen's default of friends until they choose otherwise", async () => {
    const teen = await newUser("settings3", 16);
    expect((await updateSettings(db, teen.id, { theme: "dark" })).settings.dmPolicy).toBe("friends");
    expect((await updateSettings(db, teen.id, { dmPolicy: "nobody" })).settings.dmPolicy).toBe("nobody");
    expect((await getMe(db, teen.id)).settings.dmPolicy).toBe("nobody");
  });

  it("refuses an unknown account", async () => {
    await expect(updateSettings(db, "nobody-here", { theme: "dark" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an adult may dismiss the privacy warning, and it stays dismissed", async () => {
    const me = await newUser("adultwarn", 30);
    expect(me.settings.privacyWarningDismissed).toBe(false);
    expect((await updateSettings(db, me.id, { privacyWarningDismissed: true })).settings.privacyWarningDismissed).toBe(true);
    expect((await getMe(db, me.id)).settings.privacyWarningDismissed).toBe(true);
  });

  it("a 17-year-old cannot dismiss the privacy warning, and nothing else in the request changes", async () => {
    const me = await newUser("teenwarn", 17);
    await expect(updateSettings(db, me.id, { privacyWarningDismissed: true, theme: "dark" })).rejects.toMatchObject({ code: "AGE_RESTRICTED" });
    expect((await getMe(db, me.id)).settings).toMatchObject({ privacyWarningDismissed: false, theme: null });
  });
});

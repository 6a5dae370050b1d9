// Message catalogues: one JSON file per namespace and locale under messages/.
// Add a namespace by adding its two files, its two imports and one line to each list below.
import enAuth from "../../messages/en/auth.json";
import enChat from "../../messages/en/chat.json";
import enCommon from "../../messages/en/common.json";
import enErrors from "../../messages/en/errors.json";
import enMedia from "../../messages/en/media.json";
import enPlatform from "../../messages/en/platform.json";
import enRooms from "../../messages/en/rooms.json";
import enSafety from "../../messages/en/safety.json";
import enShell from "../../messages/en/shell.json";
import deAuth from "../../messages/de/auth.json";
import deChat from "../../messages/de/chat.json";
import deCommon from "../../messages/de/common.json";
import deErrors from "../../messages/de/errors.json";
import deMedia from "../../messages/de/media.json";
import dePlatform from "../../messages/de/platform.json";
import deRooms from "../../messages/de/rooms.json";
import deSafety from "../../messages/de/safety.json";
import deShell from "../../messages/de/shell.json";

export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const catalogues = {
  en: {
    auth: enAuth,
    chat: enChat,
    common: enCommon,
    errors: enErrors,
    media: enMedia,
    platform: enPlatform,
    rooms: enRooms,
    safety: enSafety,
    shell: enShell,
  },
  de: {
    auth: deAuth,
    chat: deChat,
    common: deCommon,
    errors: deErrors,
    media: deMedia,
    platform: dePlatform,
    rooms: deRooms,
    safety: deSafety,
    shell: deShell,
  },
} satisfies Record<Locale, Record<string, Record<string, unknown>>>;

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

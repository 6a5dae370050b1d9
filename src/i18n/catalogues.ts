// Message catalogues: one JSON file per namespace and locale under messages/.
// Add a namespace by adding its two files, its two imports and one line to each list below.
import enA11y from "../../messages/en/a11y.json";
import enAuth from "../../messages/en/auth.json";
import enChat from "../../messages/en/chat.json";
import enCommon from "../../messages/en/common.json";
import enDevelopers from "../../messages/en/developers.json";
import enErrors from "../../messages/en/errors.json";
import enFormat from "../../messages/en/format.json";
import enMedia from "../../messages/en/media.json";
import enNotifications from "../../messages/en/notifications.json";
import enPlatform from "../../messages/en/platform.json";
import enRooms from "../../messages/en/rooms.json";
import enSafety from "../../messages/en/safety.json";
import enSettings from "../../messages/en/settings.json";
import enShell from "../../messages/en/shell.json";
import deA11y from "../../messages/de/a11y.json";
import deAuth from "../../messages/de/auth.json";
import deChat from "../../messages/de/chat.json";
import deCommon from "../../messages/de/common.json";
import deDevelopers from "../../messages/de/developers.json";
import deErrors from "../../messages/de/errors.json";
import deFormat from "../../messages/de/format.json";
import deMedia from "../../messages/de/media.json";
import deNotifications from "../../messages/de/notifications.json";
import dePlatform from "../../messages/de/platform.json";
import deRooms from "../../messages/de/rooms.json";
import deSafety from "../../messages/de/safety.json";
import deSettings from "../../messages/de/settings.json";
import deShell from "../../messages/de/shell.json";

export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const catalogues = {
  en: {
    a11y: enA11y,
    auth: enAuth,
    chat: enChat,
    common: enCommon,
    developers: enDevelopers,
    errors: enErrors,
    format: enFormat,
    media: enMedia,
    notifications: enNotifications,
    platform: enPlatform,
    rooms: enRooms,
    safety: enSafety,
    settings: enSettings,
    shell: enShell,
  },
  de: {
    a11y: deA11y,
    auth: deAuth,
    chat: deChat,
    common: deCommon,
    developers: deDevelopers,
    errors: deErrors,
    format: deFormat,
    media: deMedia,
    notifications: deNotifications,
    platform: dePlatform,
    rooms: deRooms,
    safety: deSafety,
    settings: deSettings,
    shell: deShell,
  },
} satisfies Record<Locale, Record<string, Record<string, unknown>>>;

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

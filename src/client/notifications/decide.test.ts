import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogues } from "@/i18n/catalogues";
import { announcementFor, noticeFor, notificationFor, titleWithUnread, type ConversationFacts, type IncomingMessage, type NotifyEnvironment } from "./decide";

const t = (locale: "en" | "de") => createTranslator({ locale, messages: catalogues[locale], namespace: "notifications" }) as never;
const en = t("en");
const de = t("de");

const direct: ConversationFacts = {
  kind: "direct",
  title: null,
  state: "active",
  members: [
    { id: "me", displayName: "Me" },
    { id: "sam", displayName: "Sam" },
  ],
};
const hello: IncomingMessage = { id: "m1", conversationId: "c1", senderId: "sam", kind: "text", text: "Hey, are you coming tonight?" };
const hiddenTab: NotifyEnvironment = { me: "me", enabled: true, permission: "granted", hidden: true };

describe("browser notifications for new messages", () => {
  it("shows the sender and a preview while the tab is hidden", () => {
    expect(notificationFor(hello, direct, hiddenTab, en)).toEqual({ title: "Sam", body: "Hey, are you coming tonight?", tag: "conversation:c1", conversationId: "c1" });
  });

  it("shows nothing while the tab is visible, without permission, or when switched off", () => {
    expect(notificationFor(hello, direct, { ...hiddenTab, hidden: false }, en)).toBeNull();
    expect(notificationFor(hello, direct, { ...hiddenTab, permission: "default" }, en)).toBeNull();
    expect(notificationFor(hello, direct, { ...hiddenTab, permission: "denied" }, en)).toBeNull();
    expect(notificationFor(hello, direct, { ...hiddenTab, enabled: false }, en)).toBeNull();
  });

  it("stays quiet for muted conversations, my own messages, system and deleted messages", () => {
    expect(notificationFor(hello, { ...direct, muted: true }, hiddenTab, en)).toBeNull();
    expect(notificationFor({ ...hello, senderId: "me" }, direct, hiddenTab, en)).toBeNull();
    expect(notificationFor({ ...hello, kind: "system" }, direct, hiddenTab, en)).toBeNull();
    expect(notificationFor({ ...hello, deletedAt: "2026-01-01T00:00:00Z" }, direct, hiddenTab, en)).toBeNull();
  });

  it("never previews a message request", () => {
    const shown = notificationFor(hello, { ...direct, state: "request" }, hiddenTab, de);
    expect(shown).toEqual({ title: "Neue Nachrichtenanfrage", body: "Sam möchte dir eine Nachricht senden.", tag: "conversation:c1", conversationId: "c1" });
    expect(JSON.stringify(shown)).not.toContain("tonight");
  });

  it("names the group and describes media in the reader's language", () => {
    const group: ConversationFacts = { ...direct, kind: "group", title: "Climbing" };
    expect(notificationFor({ ...hello, kind: "voice", text: undefined }, group, hiddenTab, de)).toMatchObject({ title: "Sam in Climbing", body: "🎤 Sprachnachricht" });
    expect(notificationFor({ ...hello, kind: "visual", text: undefined, media: [{ kind: "image" }, { kind: "video" }] }, direct, hiddenTab, de)?.body).toBe("📷 2 Fotos und Videos");
    expect(notificationFor({ ...hello, kind: "visual", text: undefined, media: [{ kind: "video" }] }, direct, hiddenTab, en)?.body).toBe("🎬 Video");
  });

  it("cuts long previews to one short line", () => {
    const body = notificationFor({ ...hello, text: `line one\n\n${"x".repeat(300)}` }, direct, hiddenTab, en)!.body;
    expect(body.length).toBe(120);
    expect(body).toMatch(/^line one x+…$/);
  });
});

describe("announcements for screen readers", () => {
  it("announces other people's messages politely, requests without their words", () => {
    expect(announcementFor(hello, direct, "me", en)).toBe("New message from Sam: Hey, are you coming tonight?");
    expect(announcementFor(hello, { ...direct, state: "request" }, "me", en)).toBe("Sam wants to send you a message.");
    expect(announcementFor(hello, { ...direct, muted: true }, "me", en)).toBeNull();
    expect(announcementFor({ ...hello, senderId: "me" }, direct, "me", en)).toBeNull();
  });
});

describe("the in-app notice", () => {
  const elsewhere = { me: "me", hidden: false, openConversationId: null };
  it("names the sender (and the group) with a preview while the reader is elsewhere in the app", () => {
    expect(noticeFor(hello, direct, elsewhere, en)).toEqual({ title: "New message from Sam", body: "Hey, are you coming tonight?", tag: "conversation:c1", conversationId: "c1" });
    expect(noticeFor(hello, { ...direct, kind: "group", title: "Climbing" }, { ...elsewhere, openConversationId: "other" }, de)?.title).toBe("Neue Nachricht von Sam in Climbing");
  });

  it("is not shown in that chat, in a hidden tab, for muted chats or one's own messages; requests have no preview", () => {
    expect(noticeFor(hello, direct, { ...elsewhere, openConversationId: "c1" }, en)).toBeNull();
    expect(noticeFor(hello, direct, { ...elsewhere, hidden: true }, en)).toBeNull();
    expect(noticeFor(hello, { ...direct, muted: true }, elsewhere, en)).toBeNull();
    expect(noticeFor({ ...hello, senderId: "me" }, direct, elsewhere, en)).toBeNull();
    expect(JSON.stringify(noticeFor(hello, { ...direct, state: "request" }, elsewhere, en))).not.toContain("tonight");
  });
});

describe("the unread count in the tab title", () => {
  it("prefixes the count and replaces an old one", () => {
    expect(titleWithUnread("Murmur", 3)).toBe("(3) Murmur");
    expect(titleWithUnread("(3) Murmur", 4)).toBe("(4) Murmur");
    expect(titleWithUnread("(4) Murmur", 0)).toBe("Murmur");
    expect(titleWithUnread("Murmur", 250)).toBe("(99+) Murmur");
    expect(titleWithUnread("(99+) Murmur", 1)).toBe("(1) Murmur");
  });
});

// loadConversation on both databases; on PostgreSQL the loads of one turn share a query.
import { describe, expect, it } from "vitest";
import { createMigratedDb } from "../../../tests/helpers/database";
import type { Flavor } from "@/db/client";
import { loadConversation } from "./load";

const flavors: Flavor[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

describe.each(flavors)("loadConversation on %s", (flavor) => {
  it("answers loads made together each with its own copy: active members in join order, null for an unknown id", async () => {
    const { db, close } = await createMigratedDb(flavor);
    try {
      const user = (username: string, birthDate = "1990-01-01") => db.user.create({ data: { username, displayName: username.toUpperCase(), passwordHash: "!", birthDate } });
      const [ann, ben, cat] = [await user("ann"), await user("ben", "2009-06-01"), await user("cat")];
      const joined = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
      const group = await db.conversation.create({
        data: {
          kind: "group",
          title: "trio",
          createdById: ann.id,
          lastSeq: 7,
          members: {
            create: [
              { userId: ben.id, joinedAt: joined(2), state: "request", muted: true },
              { userId: ann.id, joinedAt: joined(1), role: "owner", lastReadSeq: 7 },
              { userId: cat.id, joinedAt: joined(3), leftAt: joined(4) },
            ],
          },
        },
      });
      const other = await db.conversation.create({ data: { kind: "group", title: "solo", createdById: cat.id, members: { create: [{ userId: cat.id }] } } });

      const [a, b, c, missing] = await Promise.all([loadConversation(db, group.id), loadConversation(db, group.id), loadConversation(db, other.id), loadConversation(db, "no-such-id")]);
      expect(missing).toBeNull();
      expect(a).toEqual(b);
      expect(a).not.toBe(b); // callers may change what they get
      expect(a).toMatchObject({ id: group.id, kind: "group", title: "trio", createdById: ann.id, lastSeq: 7 });
      expect(a!.lastMessageAt).toBeInstanceOf(Date);
      expect(a!.members.map((m) => [m.user.username, m.role, m.state, m.lastReadSeq, m.muted])).toEqual([
        ["ann", "owner", "accepted", 7, false],
        ["ben", "member", "request", 0, true],
      ]);
      expect(a!.members[1].user).toMatchObject({ displayName: "BEN", birthDate: "2009-06-01", nudityFilter: true, dmPolicy: null, avatarUrl: null });
      expect(c!.members.map((m) => m.userId)).toEqual([cat.id]);
    } finally {
      await close();
    }
  });
});

// Users, conversations and tokens for load tests, written straight into the server's
// database (signing up 1,000 people through argon2 would take minutes).
import { issueToken } from "@/auth/tokens";
import { createDb } from "@/db/client";
import type { LoadClient } from "./load";
import { conversationsOf } from "./topology";

export async function createLoadFixtures(databaseUrl: string, clientCount: number, conversationCount: number, tag = "load") {
  const db = createDb(databaseUrl);
  try {
    const { size, members } = conversationsOf(clientCount, conversationCount);
    const total = size * conversationCount;
    const users = Array.from({ length: total }, (_, i) => ({
      id: `${tag}u${i}`,
      username: `${tag}user${i}`,
      displayName: `Load ${i}`,
      passwordHash: "!",
      birthDate: "1995-05-05",
      dmPolicy: "everyone",
    }));
    for (let i = 0; i < users.length; i += 1000) await db.user.createMany({ data: users.slice(i, i + 1000) });
    // Pairs are 1:1s (accepted on both sides), larger groups are groups.
    const conversations = members.map((group, c) =>
      size === 2
        ? {
            id: `${tag}c${c}`,
            kind: "direct",
            directKey: group
              .map((i) => users[i].id)
              .sort()
              .join(":"),
            createdById: users[group[0]].id,
          }
        : { id: `${tag}c${c}`, kind: "group", title: `Load ${c}`, createdById: users[group[0]].id },
    );
    await db.conversation.createMany({ data: conversations });
    const rows = members.flatMap((group, c) => group.map((i) => ({ conversationId: conversations[c].id, userId: users[i].id, role: i === group[0] ? "owner" : "member" })));
    for (let i = 0; i < rows.length; i += 1000) await db.conversationMember.createMany({ data: rows.slice(i, i + 1000) });
    // A session row for each, as a login would leave it.
    for (let i = 0; i < users.length; i += 1000) {
      await db.session.createMany({ data: users.slice(i, i + 1000).map((u) => ({ id: `${u.id}-s`, userId: u.id, kind: "token", label: "bench" })) });
    }
    const clients: LoadClient[] = await Promise.all(
      users.map(async (u, i) => ({
        userId: u.id,
        token: await issueToken({ id: u.id, username: u.username }, `${u.id}-s`),
        conversationIds: [conversations[Math.floor(i / size)].id],
      })),
    );
    return { clients, size };
  } finally {
    await db.$disconnect();
  }
}
